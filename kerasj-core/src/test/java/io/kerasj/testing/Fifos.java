package io.kerasj.testing;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Named pipes for tests: a reader that opens one blocks until a writer comes, so inputs must refuse them. */
public final class Fifos {
    private Fifos() {
    }

    /**
     * @param path where to make the FIFO
     * @return the path; the calling test is skipped where {@code mkfifo} is missing
     */
    public static Path make(Path path) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        } catch (java.io.IOException e) {
            Assumptions.abort("no mkfifo: " + e.getMessage());
            throw e;
        }
        Assumptions.assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo failed");
        return path;
    }
}
