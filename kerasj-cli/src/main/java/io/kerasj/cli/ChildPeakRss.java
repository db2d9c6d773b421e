package io.kerasj.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@code kerasj} command in a child JVM (this one's java, class path, heap and -XX flags, so the launcher's collector too) and follows its peak
 * resident set (Linux's {@code VmHWM}, read from {@code /proc/PID/status} until it exits), so that two runs are
 * measured apart, each from its own start.
 */
final class ChildPeakRss {
    private static final long POLL_MS = 20;

    /** What the child did: its exit code, peak RSS in MB (-1 without /proc) and wall seconds. */
    record Result(int exitCode, double peakRssMb, double seconds, String output) {
    }

    private ChildPeakRss() {
    }

    /**
     * @param arguments the {@code kerasj} arguments (e.g. {@code fit --model ...})
     * @param log where the child's output goes
     * @return what the child did
     */
    static Result run(List<String> arguments, Path log) throws IOException, InterruptedException {
        List<String> command = javaCommand(KerasJ.class);
        command.addAll(arguments);
        long start = System.nanoTime();
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Path status = Path.of("/proc", Long.toString(child.pid()), "status");
        double peak = -1;
        while (!child.waitFor(POLL_MS, TimeUnit.MILLISECONDS)) {
            peak = Math.max(peak, vmHwmMb(status));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(child.exitValue(), peak, seconds, Files.readString(log));
    }

    /**
     * @param mainClass the class whose {@code main} the child runs
     * @return this JVM's java, heap and -XX flags and class path, then the class's name: a command to add arguments to
     */
    static List<String> javaCommand(Class<?> mainClass) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-Xmx") || a.startsWith("-Xms") || a.startsWith("-XX:")).toList());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        return command;
    }

    /** @return a running process's peak resident set so far in MB (its {@code VmHWM}), or -1 where it cannot be read */
    static double peakRssMb(long pid) {
        return vmHwmMb(Path.of("/proc", Long.toString(pid), "status"));
    }

    private static double vmHwmMb(Path status) {
        try {
            return BenchCommand.vmHwmMegabytes(Files.readAllLines(status));
        } catch (NoSuchFileException e) {
            return -1; // it has just exited
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
