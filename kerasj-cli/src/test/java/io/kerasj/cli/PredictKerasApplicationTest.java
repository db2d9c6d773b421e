package io.kerasj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kerasj.data.Npy;
import io.kerasj.data.NpyArray;
import io.kerasj.testing.PythonArtifacts;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 25 in {@code kerasj predict}: a Keras Application that Python saved (MobileNetV3Small, include_top=False,
 * python-reference/keras_applications.py; its hard sigmoid is Keras 3's {@code x + 3.0} operations) runs on a
 * {@code .npy} batch and {@code --save-outputs} writes Keras's outputs, within 1e-4 relative.
 */
@Tag("python")
@Tag("parity")
@Tag("slow")
class PredictKerasApplicationTest {
    @TempDir
    Path tmp;

    @Test
    void mobileNetV3SmallFromPythonGivesKerasOutputsThroughTheCommand() {
        Path dir = PythonArtifacts.kerasApplications();
        Path out = tmp.resolve("out.npy");
        KerasJTest.Run run = KerasJTest.run("predict", "--model", dir.resolve("MobileNetV3Small.keras").toString(), "--input",
                dir.resolve("MobileNetV3Small.x.npy").toString(), "--save-outputs", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        NpyArray python = Npy.read(dir.resolve("MobileNetV3Small.keras.npy"));
        NpyArray java = Npy.read(out);
        assertThat(java.shape()).containsExactly(python.shape());
        float[] p = python.toFloats();
        float[] j = java.toFloats();
        double d = 0;
        double scale = 0;
        for (int i = 0; i < p.length; i++) {
            d = Math.max(d, Math.abs((double) j[i] - p[i]));
            scale = Math.max(scale, Math.abs(p[i]));
        }
        System.out.printf(Locale.ROOT, "kerasj predict MobileNetV3Small.keras: relative %.2e, max|d| %.2e (max|python| %.3g)%n",
                d / scale, d, scale);
        assertThat(d).isLessThanOrEqualTo(1e-4 * scale);
    }
}
