package io.kerasj.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Python-made artifacts shared by several test classes, made once per Maven run under the repository's target/.
 *
 * <p>The build passes the run's start time as the system property {@code kerasj.run} to every test JVM (surefire's
 * configuration in the parent pom): kerasj-core's tests make the files, and kerasj-cli's, later in the same run, find
 * them stamped with that run and reuse them instead of making them again. Without the property (a test started from
 * an IDE), each JVM makes them afresh; a stamp of another run never counts, so no run reads an earlier run's files.
 */
public final class PythonArtifacts {
    /** Written beside the files once they are all made: the run that made them. */
    static final String STAMP = ".kerasj-run";
    private static Path kerasFiles;
    private static Path functionalModels;
    private static Path kerasApplications;

    private PythonArtifacts() {
    }

    /**
     * @return target/keras-files/ as python-reference/make_keras_files.py writes it (mlp.keras, mlp.h5,
     *     functional.keras, cnn.keras, bn.keras, bn.h5, gap.keras, lambda.keras, conv.keras, their predictions as .npy;
     *     rmsprop.keras, adagrad.keras, nadam.keras with their optimizer variables); skips the test without the venv
     */
    public static synchronized Path kerasFiles() {
        PythonKeras.require();
        if (kerasFiles == null) {
            Path out = PythonKeras.repoRoot().resolve("target").resolve("keras-files");
            if (madeInThisRun(out)) {
                System.out.println("python-reference: keras-files reused, made earlier in this run (" + out + ")");
            } else {
                make(out, "make_keras_files.py");
            }
            kerasFiles = out;
        }
        return kerasFiles;
    }

    /**
     * @return target/functional-models/ as python-reference/make_functional_models.py writes it (per model NAME:
     *     NAME.keras, NAME.h5, NAME.inputs.npz, NAME.outputs.npz, NAME.config.json, NAME.weightpaths.json; summary.json),
     *     made once per Maven run; skips the test without the venv
     */
    public static synchronized Path functionalModels() {
        PythonKeras.require();
        if (functionalModels == null) {
            Path out = PythonKeras.repoRoot().resolve("target").resolve("functional-models");
            if (!madeInThisRun(out)) {
                make(out, "make_functional_models.py");
            }
            functionalModels = out;
        }
        return functionalModels;
    }

    /**
     * @return target/keras-applications/ as python-reference/keras_applications.py writes it (per architecture NAME:
     *     NAME.keras, NAME.h5 with include_top either way, NAME.x.npy, NAME.keras.npy, NAME.h5.npy; summary.json),
     *     made once per Maven run; skips the test without the venv
     */
    public static synchronized Path kerasApplications() {
        PythonKeras.require();
        if (kerasApplications == null) {
            Path out = PythonKeras.repoRoot().resolve("target").resolve("keras-applications");
            if (madeInThisRun(out)) {
                System.out.println("python-reference: keras-applications reused, made earlier in this run (" + out + ")");
            } else {
                make(out, "keras_applications.py");
            }
            kerasApplications = out;
        }
        return kerasApplications;
    }

    private static void make(Path out, String script) {
        try {
            Files.deleteIfExists(out.resolve(STAMP));
            long start = System.nanoTime();
            PythonKeras.run(600, Map.of(), script, out.toString());
            System.out.printf("python-reference: %s made by %s in %.1f s%n", out.getFileName(), script, (System.nanoTime() - start) / 1e9);
            String run = System.getProperty("kerasj.run", "");
            if (!run.isBlank()) {
                Files.writeString(out.resolve(STAMP), run);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean madeInThisRun(Path out) {
        String run = System.getProperty("kerasj.run", "");
        try {
            return !run.isBlank() && Files.isRegularFile(out.resolve(STAMP)) && Files.readString(out.resolve(STAMP)).equals(run);
        } catch (IOException e) {
            return false;
        }
    }
}
