package io.kerasj.saving.savedmodel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.tensorflow.TensorFlow;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;
import org.tensorflow.proto.SavedModel;

/**
 * Reads and validates a SavedModel directory in Java, before the native loader sees it: the directory, its
 * {@code saved_model.pb}, the requested tag-set, the ops it names and its variables files. Every failure is a
 * {@link SavedModelException} naming the path.
 */
final class SavedModelFiles {
    private static volatile Set<String> registeredOps;

    private SavedModelFiles() {
    }

    /**
     * The parsed and validated proto of one MetaGraphDef.
     *
     * @param dir the SavedModel directory
     * @param savedModel the whole proto
     * @param metaGraph the MetaGraphDef with the requested tags
     */
    record Parsed(Path dir, SavedModel savedModel, MetaGraphDef metaGraph) {
    }

    /**
     * Checks the directory and parses its saved_model.pb, without validating the graph.
     *
     * @param dir the SavedModel directory
     * @return the parsed proto
     */
    static SavedModel readProto(Path dir) {
        if (dir == null) {
            throw new SavedModelException("SavedModel directory: expected a path, found null");
        }
        if (!Files.exists(dir)) {
            throw new SavedModelException("SavedModel directory " + dir + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new SavedModelException(dir + " is not a directory: expected a SavedModel directory holding saved_model.pb");
        }
        Path pb = dir.resolve("saved_model.pb");
        if (!Files.isRegularFile(pb)) {
            if (Files.isRegularFile(dir.resolve("saved_model.pbtxt"))) {
                throw new SavedModelException(dir + " holds saved_model.pbtxt: only the binary saved_model.pb is supported");
            }
            throw new SavedModelException(dir + " is not a SavedModel: expected a file saved_model.pb in it");
        }
        SavedModel sm;
        try {
            sm = SavedModel.parseFrom(Files.readAllBytes(pb));
        } catch (IOException e) {
            throw new SavedModelException(pb + " is not a valid SavedModel protobuf (truncated or corrupted?): "
                    + SavedModelException.firstLine(e), e);
        } catch (RuntimeException | StackOverflowError e) {
            throw new SavedModelException(pb + " could not be parsed as a SavedModel protobuf: " + SavedModelException.firstLine(e), e);
        }
        return sm;
    }

    /**
     * @param dir the SavedModel directory
     * @param tags the tag-set wanted, e.g. [serve]
     * @return the parsed and validated proto
     */
    static Parsed read(Path dir, List<String> tags) {
        SavedModel sm = readProto(dir);
        Path pb = dir.resolve("saved_model.pb");
        if (sm.getMetaGraphsCount() == 0) {
            throw new SavedModelException(pb + " holds no MetaGraphDef: expected one tagged " + tags);
        }
        MetaGraphDef chosen = null;
        List<String> tagSets = new ArrayList<>();
        for (MetaGraphDef mg : sm.getMetaGraphsList()) {
            List<String> t = mg.getMetaInfoDef().getTagsList();
            tagSets.add(t.toString());
            if (chosen == null && new HashSet<>(t).equals(new HashSet<>(tags))) {
                chosen = mg;
            }
        }
        if (chosen == null) {
            throw new SavedModelException(pb + " has no MetaGraphDef tagged " + tags + "; its tag-sets are "
                    + String.join(", ", tagSets));
        }
        validateOps(pb, chosen.getGraphDef());
        validateVariables(dir, chosen);
        return new Parsed(dir, sm, chosen);
    }

    /** Every node must name an op this runtime registers or a function of the graph's library. */
    private static void validateOps(Path pb, GraphDef graph) {
        Set<String> known = registeredOps();
        Set<String> functions = new HashSet<>();
        for (FunctionDef f : graph.getLibrary().getFunctionList()) {
            String name = f.getSignature().getName();
            if (name.isEmpty()) {
                throw new SavedModelException(pb + " has a library function without a name: expected named functions");
            }
            if (!functions.add(name)) {
                throw new SavedModelException(pb + " defines function '" + name + "' twice: expected unique function names");
            }
        }
        Set<String> nodeNames = new HashSet<>();
        for (NodeDef n : graph.getNodeList()) {
            checkNode(pb, n, "", known, functions);
            if (!nodeNames.add(n.getName())) {
                throw new SavedModelException(pb + " has two nodes named '" + n.getName() + "': expected unique node names");
            }
        }
        for (FunctionDef f : graph.getLibrary().getFunctionList()) {
            for (NodeDef n : f.getNodeDefList()) {
                checkNode(pb, n, f.getSignature().getName() + "/", known, functions);
            }
        }
    }

    private static void checkNode(Path pb, NodeDef n, String prefix, Set<String> known, Set<String> functions) {
        if (n.getName().isEmpty()) {
            throw new SavedModelException(pb + " has a node without a name (op '" + n.getOp() + "'): expected named nodes");
        }
        if (!known.contains(n.getOp()) && !functions.contains(n.getOp())) {
            throw new SavedModelException(pb + " node '" + prefix + n.getName() + "' uses op '" + n.getOp()
                    + "', which this TensorFlow runtime does not register and the model's library does not define");
        }
    }

    /** A graph with variables needs its variables/ checkpoint (index and data shards). */
    private static void validateVariables(Path dir, MetaGraphDef mg) {
        boolean hasVariables = mg.getGraphDef().getNodeList().stream()
                .anyMatch(n -> n.getOp().equals("VarHandleOp") || n.getOp().startsWith("Variable"));
        if (!hasVariables) {
            return;
        }
        Path index = dir.resolve("variables").resolve("variables.index");
        if (!Files.isRegularFile(index)) {
            throw new SavedModelException(dir + " holds variables but no variables/variables.index: expected the SavedModel's checkpoint");
        }
        try (Stream<Path> s = Files.list(dir.resolve("variables"))) {
            if (s.noneMatch(p -> p.getFileName().toString().startsWith("variables.data-"))) {
                throw new SavedModelException(dir + "/variables has no variables.data-* shard: expected the checkpoint's data");
            }
        } catch (IOException e) {
            throw new SavedModelException(dir + "/variables could not be listed: " + SavedModelException.firstLine(e), e);
        }
    }

    /** @return the names of all ops this TensorFlow runtime registers */
    static Set<String> registeredOps() {
        Set<String> ops = registeredOps;
        if (ops == null) {
            Set<String> s = new HashSet<>();
            for (OpDef op : TensorFlow.registeredOpList().getOpList()) {
                s.add(op.getName());
            }
            ops = Set.copyOf(s);
            registeredOps = ops;
        }
        return ops;
    }
}
