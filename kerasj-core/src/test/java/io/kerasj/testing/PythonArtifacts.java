package io.kerasj.testing;

import java.nio.file.Path;
import java.util.Map;

/**
 * Python-made artifacts shared by several test classes, made once per Maven run under the repository's target/
 * ({@link OncePerRun}: whichever test JVM of the run asks first makes them, the others wait for it and reuse them).
 * Without the run's property (a test started from an IDE), each JVM makes them afresh.
 */
public final class PythonArtifacts {
    private static Path kerasFiles;
    private static Path functionalModels;
    private static Path predictModels;
    private static Path applications;
    private static Path classicApplications;
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
            kerasFiles = make("keras-files", "make_keras_files.py");
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
            functionalModels = make("functional-models", "make_functional_models.py");
        }
        return functionalModels;
    }

    /**
     * @return target/predict-models/ as python-reference/make_predict_models.py writes it (Keras 3 exports and
     *     tf.saved_model.save folders with expected.json), made once per Maven run; skips the test without the venv
     */
    public static synchronized Path predictModels() {
        PythonKeras.require();
        if (predictModels == null) {
            predictModels = make("predict-models", "make_predict_models.py");
        }
        return predictModels;
    }

    /**
     * @return target/applications/ as python-reference/applications_parity.py writes it (per case NAME: NAME.weights.h5,
     *     NAME.h5, NAME.npz; summary.json), made once per Maven run; skips the test without the venv
     */
    public static synchronized Path applications() {
        PythonKeras.require();
        if (applications == null) {
            applications = make("applications", "applications_parity.py");
        }
        return applications;
    }

    /**
     * @return target/classic-applications/ as python-reference/make_applications.py writes it (per case NAME:
     *     NAME.weights.h5, NAME.h5 for some, NAME.npz with x and y; summary.json), made once per Maven run; skips the test
     *     without the venv
     */
    public static synchronized Path classicApplications() {
        PythonKeras.require();
        if (classicApplications == null) {
            classicApplications = make("classic-applications", "make_applications.py");
        }
        return classicApplications;
    }

    /**
     * @return target/keras-applications/ as python-reference/keras_applications.py writes it (per architecture NAME:
     *     NAME.keras, NAME.h5 with include_top either way, NAME.x.npy, NAME.keras.npy, NAME.h5.npy; summary.json),
     *     made once per Maven run; skips the test without the venv
     */
    public static synchronized Path kerasApplications() {
        PythonKeras.require();
        if (kerasApplications == null) {
            kerasApplications = make("keras-applications", "keras_applications.py");
        }
        return kerasApplications;
    }

    private static Path make(String folder, String script) {
        Path out = PythonKeras.repoRoot().resolve("target").resolve(folder);
        long start = System.nanoTime();
        if (OncePerRun.make(out, dir -> PythonKeras.run(600, Map.of(), script, dir.toString()))) {
            System.out.printf("python-reference: %s made by %s in %.1f s%n", folder, script, (System.nanoTime() - start) / 1e9);
        } else {
            System.out.println("python-reference: " + folder + " reused, made earlier in this run (" + out + ")");
        }
        return out;
    }
}
