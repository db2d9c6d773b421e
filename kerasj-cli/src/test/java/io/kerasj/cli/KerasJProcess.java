package io.kerasj.cli;

import io.kerasj.datasets.FashionMnist;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code kerasj} as a real process, in a chosen working folder, for tests that kill it or need their own cwd. */
final class KerasJProcess {
    private KerasJProcess() {
    }

    /** The exit code and the merged output of a finished process. */
    record Result(int exitCode, String output) {
    }

    /**
     * @param cwd the working folder
     * @param log where its standard output and error go
     * @param args the arguments after {@code kerasj}
     * @return the started process
     * @throws IOException when it cannot be started
     */
    static Process start(Path cwd, Path log, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), KerasJ.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "3");
        return builder.start();
    }

    /**
     * Runs {@code kerasj} to its end (at most two minutes).
     *
     * @param cwd the working folder
     * @param args the arguments after {@code kerasj}
     * @return its exit code and output
     * @throws Exception when it cannot run or does not end
     */
    static Result run(Path cwd, String... args) throws Exception {
        Path log = Files.createTempFile("kerasj-process", ".log");
        try {
            Process process = start(cwd, log, args);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kerasj " + String.join(" ", args) + " did not end within two minutes");
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** @return the {@code --data-dir} option for the system's Fashion-MNIST */
    static String[] data() {
        return new String[] {"--data-dir", FashionMnist.SYSTEM_DIR.toString()};
    }
}
