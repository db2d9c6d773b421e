package io.kerasj.saving.savedmodel;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The verdict of {@link OpSafetyScanner}: the op types reachable from what loading and serving run (signatures,
 * init op, restore path) and the nodes refused because their op type is not in {@link OpAllowList}.
 *
 * @param reachableOps every op type reachable, including ops inside called functions
 * @param unsafeOps the refused ops, with their nodes
 */
public record SafetyReport(SortedSet<String> reachableOps, List<UnsafeOp> unsafeOps) {

    /**
     * One refused node: its op type is not in {@link OpAllowList}.
     *
     * @param op the op type, e.g. {@code ReadFile}
     * @param function the library function holding the node, e.g. {@code __inference_f_12}, or
     *                 {@link OpSafetyScanner#GRAPH} for a node of the graph itself
     * @param node the node's name
     */
    public record UnsafeOp(String op, String function, String node) {
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

    /**
     * @return one line: {@code safe: ...} when every reachable op type is allowed, else {@code UNSAFE: } and
     *         {@link #refusedOps()}
     */
    public String verdict() {
        if (safe()) {
            return "safe: every reachable op type is in KerasJ's allow-list (" + reachableOps.size() + " op types checked)";
        }
        return "UNSAFE: " + refusedOps();
    }

    /**
     * @return each refused op type once, sorted, with the functions it sits in, e.g.
     *         {@code DatasetFromGraph (in graph), ReadFile (in __inference_f_12)}; empty when safe
     */
    public String refusedOps() {
        Map<String, Set<String>> where = new TreeMap<>();
        unsafeOps.forEach(u -> where.computeIfAbsent(u.op(), k -> new TreeSet<>()).add(u.function()));
        return where.entrySet().stream().map(e -> e.getKey() + " (in " + String.join(", ", e.getValue()) + ")")
                .collect(Collectors.joining(", "));
    }
}
