package io.kerasj.saving.keras;

import io.kerasj.data.ImageInput;

import io.kerasj.KerasJException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads one hostile file in a child JVM with a small heap: a refusal made before allocating prints its one line
 * and exits {@link #REFUSED}; a read that allocates what the file claims dies of OutOfMemoryError instead.
 */
final class BoundedHeapChild {
    static final int REFUSED = 3;

    /** The child's exit code and output. */
    record Result(int exitCode, String output) {
    }

    private BoundedHeapChild() {
    }

    /**
     * @param heapMegabytes the child's -Xmx
     * @param what {@code model} (KerasFiles.load) or {@code image} (ImageInput.read for a 28x28 model)
     * @param file the file
     * @return how the child ended (it is killed after 60 s)
     */
    static Result run(int heapMegabytes, String what, Path file) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heapMegabytes + "m", "-cp", System.getProperty("java.class.path"), BoundedHeapChild.class.getName(),
                what, file.toString()));
        Path log = Files.createTempFile("kerasj-child-", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "3");
            Process process = pb.start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("reading " + file + " did not end within 60 s");
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** @param args {@code model|image FILE} */
    public static void main(String[] args) {
        Path file = Path.of(args[1]);
        try {
            if (args[0].equals("model")) {
                KerasFiles.load(file, 0, w -> { }).close();
            } else {
                ImageInput.read(List.of(file), new long[] {28, 28});
            }
            System.out.println("read");
        } catch (KerasJException e) {
            System.out.println(e.getMessage());
            System.exit(REFUSED);
        }
    }
}
