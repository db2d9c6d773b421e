package io.kerasj.saving.savedmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.kerasj.data.FloatSamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;

/**
 * Bounded fuzzing of saved_model.pb (fixed seed): random bit flips, byte overwrites, truncations and insertions.
 * Each mutation is classified by parsing it with protobuf-java here, and must give what its class requires:
 *
 * <ul>
 *   <li><b>unparseable</b>: refused by the proto check, {@code <pb> is not a valid SavedModel protobuf (truncated or
 *       corrupted?)} (or, for parser failures that are not I/O errors, {@code could not be parsed as a SavedModel
 *       protobuf}); a mutation that only truncates gives the first;</li>
 *   <li><b>same program</b> (it parses, and each MetaGraphDef's tags, graph, saver, collections, assets and
 *       signatures are the original's; only descriptive fields such as the writer's version, or the object graph,
 *       differ): loads and gives exactly the original outputs;</li>
 *   <li><b>changed program</b>: loads (and then predicts, or fails to run with a {@link SavedModelException}), or is
 *       refused by one of the loader's named checks below.</li>
 * </ul>
 * Every refusal is one line. No other exception may escape, and a native crash or hang fails the run (the forked test
 * JVM dies or the timeout trips). Iterations: {@code -Dkerasj.fuzz.iterations=N} per model (default 400).
 */
@Tag("slow")
class SavedModelFuzzTest {
    private static final int ITERATIONS = Integer.getInteger("kerasj.fuzz.iterations", 400);
    private static final FloatSamples PROBE = probe();

    /** The loader's named checks: every refusal of a parseable mutation must be one of them. */
    private static final List<Pattern> NAMED_CHECKS = List.of(
            Pattern.compile("holds no MetaGraphDef"),
            Pattern.compile("has no MetaGraphDef tagged"),
            Pattern.compile("has a library function without a name"),
            Pattern.compile("defines function '.*' twice"),
            Pattern.compile("has two nodes named"),
            Pattern.compile("has a node without a name"),
            Pattern.compile("node '.*' uses op '.*', which this TensorFlow runtime does not register"),
            Pattern.compile("holds variables but no variables/variables.index"),
            Pattern.compile("refused: it runs op types outside KerasJ.s allow-list"),
            Pattern.compile("could not be loaded by TensorFlow: "),
            Pattern.compile("could not be read after loading: "),
            Pattern.compile("has no signature '"),
            Pattern.compile("signature .* has (inputs|outputs) .*: expected"),
            Pattern.compile("signature '.*' not found; the model has"),
            Pattern.compile("variable '.*'"));

    /** What a prediction on a loaded mutation may fail with. */
    private static final Pattern RUN_FAILURE = Pattern.compile(
            "failed to run: |expects |has no signature '|returned .*, expected DT_FLOAT|has shape .* expected one row per sample|has (inputs|outputs) .*: expected");

    private enum Kind { UNPARSEABLE, SAME_PROGRAM, CHANGED_PROGRAM }

    private enum Outcome { REFUSED, LOADED }

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void mutatedTinyModelsGiveWhatTheirKindRequires() throws IOException {
        Path original = TinyModels.safe(tmp.resolve("tiny"));
        Map<Kind, int[]> counts = fuzz(original, new Random(Long.getLong("kerasj.fuzz.seed", 20240611L)), "tiny");
        assertThat(counts.get(Kind.UNPARSEABLE)[Outcome.REFUSED.ordinal()]).as("unparseable mutations seen").isPositive();
        assertThat(counts.get(Kind.CHANGED_PROGRAM)[0] + counts.get(Kind.CHANGED_PROGRAM)[1]).as("changed programs seen").isPositive();
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void mutatedReferenceModelGivesWhatItsKindRequires() throws IOException {
        Path src = ReferenceModels.dir(ReferenceModels.KERAS212);
        Path copy = tmp.resolve("keras212");
        KerasSavedModelErrorsTest.copyTree(src, copy);
        Map<Kind, int[]> counts = fuzz(copy, new Random(Long.getLong("kerasj.fuzz.seed", 1234567L)), "keras212");
        assertThat(counts.get(Kind.UNPARSEABLE)[Outcome.REFUSED.ordinal()]).as("unparseable mutations seen").isPositive();
        assertThat(counts.get(Kind.SAME_PROGRAM)[Outcome.LOADED.ordinal()]).as("same-program mutations loaded").isPositive();
    }

    private Map<Kind, int[]> fuzz(Path modelDir, Random rnd, String label) throws IOException {
        Path target = modelDir.resolve("saved_model.pb");
        byte[] pb = Files.readAllBytes(target);
        SavedModel originalProto = SavedModel.parseFrom(pb);
        float[][] originalOutputs;
        try (KerasSavedModel m = KerasSavedModel.load(modelDir)) {
            originalOutputs = m.predict(PROBE);
        }
        Map<Kind, int[]> counts = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            counts.put(k, new int[Outcome.values().length]);
        }
        for (int i = 0; i < ITERATIONS; i++) {
            Mutation mutation = mutate(pb, rnd);
            Files.write(target, mutation.bytes);
            Kind kind = classify(originalProto, mutation.bytes);
            String what = label + " mutation " + i + " (" + mutation.edits + ", " + kind + ")";
            Outcome outcome = loadAndCheck(modelDir, kind, mutation, originalOutputs, what);
            counts.get(kind)[outcome.ordinal()]++;
        }
        Files.write(target, pb);
        System.out.printf("fuzz %s: %d mutations; refused/loaded: %s%n", label, ITERATIONS, describe(counts));
        return counts;
    }

    private static Outcome loadAndCheck(Path modelDir, Kind kind, Mutation mutation, float[][] originalOutputs, String what) {
        Path pb = modelDir.resolve("saved_model.pb");
        KerasSavedModel loaded;
        try {
            loaded = KerasSavedModel.load(modelDir);
        } catch (SavedModelException e) {
            String message = e.getMessage();
            assertThat(message).as(what).doesNotContain("\n").contains(modelDir.toString());
            switch (kind) {
                case UNPARSEABLE -> {
                    String expected = mutation.truncationOnly ? pb + " is not a valid SavedModel protobuf (truncated or corrupted?): "
                            : pb + " (is not a valid SavedModel protobuf \\(truncated or corrupted\\?\\)|could not be parsed as a SavedModel protobuf): ";
                    if (mutation.truncationOnly) {
                        assertThat(message).as(what).startsWith(expected);
                    } else {
                        assertThat(message).as(what).containsPattern("^" + Pattern.quote(pb.toString()) + expected.substring(pb.toString().length()));
                    }
                }
                case SAME_PROGRAM -> throw new AssertionError(what + ": the program is the original's, yet it was refused: " + message, e);
                case CHANGED_PROGRAM -> assertThat(NAMED_CHECKS.stream().anyMatch(p -> p.matcher(message).find()))
                        .as("%s: refused by a named check, found: %s", what, message).isTrue();
            }
            return Outcome.REFUSED;
        } catch (RuntimeException | Error e) {
            throw new AssertionError(what + " threw " + e, e);
        }
        try (KerasSavedModel m = loaded) {
            if (kind == Kind.UNPARSEABLE) {
                throw new AssertionError(what + ": protobuf-java cannot parse it, yet it loaded");
            }
            float[][] outputs;
            try {
                outputs = m.predict(PROBE);
            } catch (SavedModelException e) {
                assertThat(kind).as("%s: the original program failed to run: %s", what, e.getMessage()).isEqualTo(Kind.CHANGED_PROGRAM);
                assertThat(e.getMessage()).as(what).doesNotContain("\n").containsPattern(RUN_FAILURE);
                return Outcome.LOADED;
            }
            assertThat(outputs).as(what).hasNumberOfRows(PROBE.count());
            if (kind == Kind.SAME_PROGRAM) {
                for (int r = 0; r < outputs.length; r++) {
                    assertThat(outputs[r]).as("%s row %d", what, r).containsExactly(originalOutputs[r]);
                }
            }
            return Outcome.LOADED;
        } catch (RuntimeException | Error e) {
            if (e instanceof AssertionError a) {
                throw a;
            }
            throw new AssertionError(what + " threw " + e, e);
        }
    }

    /** Classifies a mutation by what protobuf-java makes of it, compared with the original proto. */
    private static Kind classify(SavedModel original, byte[] mutated) {
        SavedModel parsed;
        try {
            parsed = SavedModel.parseFrom(mutated);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            return Kind.UNPARSEABLE;
        }
        if (parsed.getMetaGraphsCount() != original.getMetaGraphsCount()) {
            return Kind.CHANGED_PROGRAM;
        }
        for (int i = 0; i < original.getMetaGraphsCount(); i++) {
            if (!sameProgram(original.getMetaGraphs(i), parsed.getMetaGraphs(i))) {
                return Kind.CHANGED_PROGRAM;
            }
        }
        return Kind.SAME_PROGRAM;
    }

    /**
     * Everything TensorFlow's SavedModel loader and the signatures use. The descriptive fields (the writer's versions,
     * the stripped op list) and the TF2 object graph, which the TF1-style loader does not read, are left out.
     */
    private static boolean sameProgram(MetaGraphDef a, MetaGraphDef b) {
        return a.getMetaInfoDef().getTagsList().equals(b.getMetaInfoDef().getTagsList())
                && a.getGraphDef().equals(b.getGraphDef())
                && a.getSaverDef().equals(b.getSaverDef())
                && a.getCollectionDefMap().equals(b.getCollectionDefMap())
                && a.getSignatureDefMap().equals(b.getSignatureDefMap())
                && a.getAssetFileDefList().equals(b.getAssetFileDefList());
    }

    private static String describe(Map<Kind, int[]> counts) {
        StringBuilder b = new StringBuilder();
        counts.forEach((k, c) -> b.append(b.length() > 0 ? ", " : "").append(k).append(' ').append(c[0]).append('/').append(c[1]));
        return b.toString();
    }

    /** The mutated bytes, the edits made, and whether they were truncations only. */
    record Mutation(byte[] bytes, List<String> edits, boolean truncationOnly) {
    }

    /** One to four random edits: flip a bit, overwrite a byte, truncate, insert random bytes. */
    static Mutation mutate(byte[] in, Random rnd) {
        byte[] b = in.clone();
        int count = 1 + rnd.nextInt(4);
        List<String> edits = new java.util.ArrayList<>();
        boolean truncationOnly = true;
        for (int e = 0; e < count && b.length > 0; e++) {
            int pos = rnd.nextInt(b.length);
            int op = rnd.nextInt(4);
            truncationOnly &= op == 2;
            switch (op) {
                case 0 -> {
                    b[pos] ^= (byte) (1 << rnd.nextInt(8));
                    edits.add("flip@" + pos);
                }
                case 1 -> {
                    b[pos] = (byte) rnd.nextInt(256);
                    edits.add("set@" + pos);
                }
                case 2 -> {
                    b = Arrays.copyOf(b, pos);
                    edits.add("truncate@" + pos);
                }
                default -> {
                    byte[] ins = new byte[1 + rnd.nextInt(8)];
                    rnd.nextBytes(ins);
                    byte[] c = new byte[b.length + ins.length];
                    System.arraycopy(b, 0, c, 0, pos);
                    System.arraycopy(ins, 0, c, pos, ins.length);
                    System.arraycopy(b, pos, c, pos + ins.length, b.length - pos);
                    b = c;
                    edits.add("insert" + ins.length + "@" + pos);
                }
            }
        }
        return new Mutation(b, List.copyOf(edits), truncationOnly && !edits.isEmpty());
    }

    private static FloatSamples probe() {
        float[] values = new float[2 * 784];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i % 97) / 96f;
        }
        return FloatSamples.of(values, 28, 28);
    }
}
