package io.kerasj.savedmodel;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The verdict of {@link OpSafetyScanner}: the op types reachable from what loading and serving run (signatures,
 * init op, restore path) and the ones refused.
 *
 * @param reachableOps every op type reachable, including ops inside called functions
 * @param unsafeOps the refused ops, with their nodes
 */
public record SafetyReport(SortedSet<String> reachableOps, List<UnsafeOp> unsafeOps) {

    /**
     * One refused op.
     *
     * @param op the op type, e.g. {@code ReadFile}
     * @param node the node, prefixed with the function holding it, e.g. {@code __inference_f_12/ReadFile}
     * @param reason why it is refused, e.g. {@code reads files}
     */
    public record UnsafeOp(String op, String node, String reason) {
    }

    /**
     * Copies the collections.
     *
     * @param reachableOps every op type reachable, including ops inside called functions
     * @param unsafeOps the refused ops, with their nodes
     */
    public SafetyReport {
        reachableOps = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(reachableOps));
        unsafeOps = List.copyOf(unsafeOps);
    }

    /** @return true when no refused op is reachable */
    public boolean safe() {
        return unsafeOps.isEmpty();
    }

    /** @return one line: {@code safe: no file-system, network or process ops reachable} or the refused ops */
    public String verdict() {
        if (safe()) {
            return "safe: no file-system, network or process ops reachable (" + reachableOps.size() + " op types checked)";
        }
        return "UNSAFE: " + unsafeOps.stream().map(u -> u.op() + " (node " + u.node() + ": " + u.reason() + ")")
                .collect(Collectors.joining(", "));
    }
}
