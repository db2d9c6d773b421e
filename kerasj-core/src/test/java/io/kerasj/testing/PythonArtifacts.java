package io.kerasj.testing;

import java.nio.file.Path;
import java.util.Map;

/** Python-made artifacts shared by several test classes, made once per test JVM under target/. */
public final class PythonArtifacts {
    private static Path kerasFiles;
    private static Path functionalModels;

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
            PythonKeras.run(600, Map.of(), "make_keras_files.py", out.toString());
            kerasFiles = out;
        }
        return kerasFiles;
    }

    /**
     * @return target/functional-models/ as python-reference/make_functional_models.py writes it (per model NAME:
     *     NAME.keras, NAME.h5, NAME.inputs.npz, NAME.outputs.npz, NAME.config.json, NAME.weightpaths.json; summary.json);
     *     skips the test without the venv
     */
    public static synchronized Path functionalModels() {
        PythonKeras.require();
        if (functionalModels == null) {
            Path out = PythonKeras.repoRoot().resolve("target").resolve("functional-models");
            PythonKeras.run(600, Map.of(), "make_functional_models.py", out.toString());
            functionalModels = out;
        }
        return functionalModels;
    }
}
