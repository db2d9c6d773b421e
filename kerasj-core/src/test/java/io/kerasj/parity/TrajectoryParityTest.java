package io.kerasj.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.kerasj.optimizers.SGD;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Trajectory parity: from Python's initial weights, on the same batches in the same order (shuffle off), KerasJ's
 * weights, per-epoch loss and outputs track Keras 3's. Two float32 trainings drift apart chaotically, so the
 * bounds are measured, not chosen: for each variant, the noise is the larger of (a) Python against Python from
 * initial weights moved up by one float32 ulp and (b) Python with {@code TF_ENABLE_ONEDNN_OPTS=0} against the
 * default (each at least float32's unit roundoff, 6e-8), and KerasJ must stay within 3x that noise on every
 * figure of {@link TrajectoryComparison}.
 */
@Tag("python")
class TrajectoryParityTest {
    static final double NOISE_FACTOR = 3;
    /** float32's unit roundoff: a noise reading of 0 (identical runs) must not make the bound 0. */
    static final double NOISE_FLOOR = Math.ulp(1f) / 2;

    /** @return the 3x-noise bounds of this variant, measured on this run's Python references */
    static TrajectoryComparison tolerance(String variant) {
        ReferenceArrays def = ReferenceArrays.open(PythonReferences.trajectoryDefault());
        ReferenceArrays off = ReferenceArrays.open(PythonReferences.trajectoryOneDnnOff());
        List<float[]> initial = def.floatList("initial");
        JavaTrajectory.Run python = JavaTrajectory.read(def, "", variant);
        TrajectoryComparison ulp = TrajectoryComparison.of(JavaTrajectory.read(def, "ulp/", variant), python, initial);
        TrajectoryComparison oneDnn = TrajectoryComparison.of(JavaTrajectory.read(off, "", variant), python, initial);
        TrajectoryComparison floor = new TrajectoryComparison(NOISE_FLOOR, NOISE_FLOOR, NOISE_FLOOR, NOISE_FLOOR, NOISE_FLOOR);
        TrajectoryComparison tolerance = ulp.max(oneDnn).max(floor).times(NOISE_FACTOR);
        System.out.printf("trajectory %-12s noise, 1 ulp:       %s%n", variant, ulp);
        System.out.printf("trajectory %-12s noise, oneDNN off:  %s%n", variant, oneDnn);
        System.out.printf("trajectory %-12s tolerance (3x):     %s%n", variant, tolerance);
        return tolerance;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "sgd_momentum", "nesterov", "adam", "sgd_logits"})
    void javaTracksPythonFromTheSameStartAndBatches(String variant) {
        TrajectoryComparison tolerance = tolerance(variant);
        ReferenceArrays def = ReferenceArrays.open(PythonReferences.trajectoryDefault());
        JavaTrajectory.Run python = JavaTrajectory.read(def, "", variant);
        JavaTrajectory.Run java = JavaTrajectory.run(def, variant);
        TrajectoryComparison c = TrajectoryComparison.of(java, python, def.floatList("initial"));
        System.out.printf("trajectory %-12s Java vs Python:     %s (loss %.7f vs %.7f)%n", variant, c, java.loss()[0], python.loss()[0]);
        assertThat(c.exceeding(tolerance)).as("Java against Python, %s", variant).isEmpty();
    }

    @Test
    void withOneDnnOffOnBothSidesJavaTracksPython() {
        ReferenceArrays off = ReferenceArrays.open(PythonReferences.trajectoryOneDnnOff());
        Path out = PythonReferences.ROOT.resolve("trajectory/java_onednn_off");
        String[] variants = {"sgd", "adam"};
        String[] args = new String[2 + variants.length];
        args[0] = off.dir().toString();
        args[1] = out.toString();
        System.arraycopy(variants, 0, args, 2, variants.length);
        ChildJvm.run(600, Map.of(PythonReferences.ONEDNN, "0", "TF_CPP_MIN_LOG_LEVEL", "2"), JavaTrajectory.class, args);
        ReferenceArrays java = ReferenceArrays.open(out);
        assertThat(java.value("TF_ENABLE_ONEDNN_OPTS").asText()).isEqualTo("0");
        for (String variant : variants) {
            TrajectoryComparison tolerance = tolerance(variant);
            TrajectoryComparison c = TrajectoryComparison.of(JavaTrajectory.read(java, "", variant),
                    JavaTrajectory.read(off, "", variant), off.floatList("initial"));
            System.out.printf("trajectory %-12s Java vs Python, both oneDNN off: %s%n", variant, c);
            // For the record: whether the flag changes KerasJ's own numbers (the native runtime reads it at load).
            TrajectoryComparison javaFlag = TrajectoryComparison.of(JavaTrajectory.read(java, "", variant),
                    JavaTrajectory.run(ReferenceArrays.open(PythonReferences.trajectoryDefault()), variant), off.floatList("initial"));
            System.out.printf("trajectory %-12s Java oneDNN off vs Java default:  %s%n", variant, javaFlag);
            assertThat(c.exceeding(tolerance)).as("Java against Python with oneDNN off on both sides, %s", variant).isEmpty();
        }
    }

    @Test
    void theSharpCheckCatchesALearningRateOnePercentOff() {
        TrajectoryComparison tolerance = tolerance("sgd");
        ReferenceArrays def = ReferenceArrays.open(PythonReferences.trajectoryDefault());
        List<float[]> w10 = JavaTrajectory.tenSteps(def, "sgd", new SGD(0.0101));
        TrajectoryComparison c = shortOnly(w10, JavaTrajectory.read(def, "", "sgd").w10(), def.floatList("initial"));
        System.out.printf("trajectory sgd with lr 0.0101: sharp %.2e (bound %.2e), slope %.2e (bound %.2e)%n",
                c.sharp(), tolerance.sharp(), c.slope(), tolerance.slope());
        assertThat(c.sharp()).isGreaterThan(tolerance.sharp());
        assertThat(c.slope()).isGreaterThan(tolerance.slope());
    }

    @Test
    void theSharpCheckCatchesAdamsOneMinusBetaRoundedInFloat32() {
        TrajectoryComparison tolerance = tolerance("adam");
        ReferenceArrays def = ReferenceArrays.open(PythonReferences.trajectoryDefault());
        List<float[]> w10 = JavaTrajectory.tenSteps(def, "adam", new Float32OneMinusBetaAdam());
        TrajectoryComparison c = shortOnly(w10, JavaTrajectory.read(def, "", "adam").w10(), def.floatList("initial"));
        System.out.printf("trajectory adam with 1-beta in float32 (the old KerasJ Adam): sharp %.2e (bound %.2e), slope %.2e (bound %.2e)%n",
                c.sharp(), tolerance.sharp(), c.slope(), tolerance.slope());
        // A systematic step-size error of 6e-6 hides in the distance's ulp noise (about 4e-6 here) but not in the slope.
        assertThat(c.slope()).isGreaterThan(tolerance.slope());
    }

    private static TrajectoryComparison shortOnly(List<float[]> w10, List<float[]> python10, List<float[]> initial) {
        JavaTrajectory.Run a = new JavaTrajectory.Run(w10, w10, new double[] {1}, new double[] {0}, new float[1]);
        JavaTrajectory.Run b = new JavaTrajectory.Run(python10, python10, new double[] {1}, new double[] {0}, new float[1]);
        return TrajectoryComparison.of(a, b, initial);
    }
}
