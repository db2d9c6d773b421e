package io.kerasj.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TensorFlow's native log lines, seen from a fresh JVM with no {@code TF_CPP_MIN_LOG_LEVEL} in its environment. */
@Tag("slow")
class NativeRuntimeQuietTest {

    @TempDir
    Path tmp;

    @Test
    void aLibraryUserSeesNothingOnStandardErrorByDefault() throws Exception {
        Run run = probe(List.of());
        assertThat(run.exit).as(run.stderr).isZero();
        assertThat(run.stderr).isEmpty();
    }

    @Test
    void theSystemPropertyBringsTheInformationalLinesBack() throws Exception {
        Run run = probe(List.of("-D" + NativeRuntime.LEVEL_PROPERTY + "=0"));
        assertThat(run.exit).as(run.stderr).isZero();
        assertThat(run.stderr).contains("I tensorflow/").contains("MLIR V1 optimization pass is not enabled");
    }

    @Test
    void theUsersOwnEnvironmentVariableIsRespected() throws Exception {
        Run run = probe(List.of(), "0");
        assertThat(run.exit).as(run.stderr).isZero();
        assertThat(run.stderr).contains("I tensorflow/");
    }

    @Test
    void xlaJitCompilesOnCpuWhenAModelAsksForItAndOnlyThen() throws Exception {
        Run withXla = probe(List.of("-D" + NativeRuntime.LEVEL_PROPERTY + "=0"), null, "xla");
        assertThat(withXla.exit).as(withXla.stderr).isZero();
        assertThat(withXla.stderr).contains("Compiled cluster using XLA");
        Run without = probe(List.of("-D" + NativeRuntime.LEVEL_PROPERTY + "=0"));
        assertThat(without.exit).as(without.stderr).isZero();
        assertThat(without.stderr).doesNotContain("Compiled cluster using XLA");
    }

    @Test
    void theCpuJitFlagIsAddedOnceToTheUsersXlaFlags() {
        assertThat(NativeRuntime.withXlaCpuJit(null)).isEqualTo("--tf_xla_cpu_global_jit");
        assertThat(NativeRuntime.withXlaCpuJit(" ")).isEqualTo("--tf_xla_cpu_global_jit");
        assertThat(NativeRuntime.withXlaCpuJit("--tf_xla_auto_jit=2")).isEqualTo("--tf_xla_auto_jit=2 --tf_xla_cpu_global_jit");
        assertThat(NativeRuntime.withXlaCpuJit("--tf_xla_cpu_global_jit --x")).isEqualTo("--tf_xla_cpu_global_jit --x");
    }

    @Test
    void levelsOutsideZeroToThreeAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NativeRuntime.setLogLevel(4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found 4");
    }

    @Test
    void theCapturedLineFilterDropsOnlyTheTwoUngovernedLines() {
        assertThat(NativeRuntime.isUngoverned("WARNING: All log messages before absl::InitializeLog() is called are"
                + " written to STDERR\n")).isTrue();
        assertThat(NativeRuntime.isUngoverned("I0000 00:00:1795994383.953255    9972 mlir_graph_optimization_pass.cc:401]"
                + " MLIR V1 optimization pass is not enabled\n")).isTrue();
        assertThat(NativeRuntime.isUngoverned("Exception in thread \"main\" java.lang.Error\n")).isFalse();
    }

    private Run probe(List<String> jvmOptions) throws IOException, InterruptedException {
        return probe(jvmOptions, null);
    }

    private Run probe(List<String> jvmOptions, String envLevel, String... probeArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(QuietProbe.class.getName());
        command.add(tmp.resolve("model-" + System.nanoTime()).toString());
        command.addAll(List.of(probeArgs));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove(NativeRuntime.ENV_VARIABLE);
        pb.environment().remove(NativeRuntime.XLA_FLAGS_VARIABLE);
        if (envLevel != null) {
            pb.environment().put(NativeRuntime.ENV_VARIABLE, envLevel);
        }
        Path err = tmp.resolve("stderr-" + System.nanoTime() + ".txt");
        pb.redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process process = pb.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the probe JVM did not finish in 120 s");
        }
        return new Run(process.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Run(int exit, String stderr) {
    }
}
