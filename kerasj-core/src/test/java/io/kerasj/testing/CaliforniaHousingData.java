package io.kerasj.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared copy of California housing ({@code cal_housing.data}) that the regression-notebook tests read: the
 * system property {@code kerasj.shared}, else {@code ../shared} beside the repository, then
 * {@code datasets/california-housing/}. Never copied into the project; tests skip, saying so, where it is absent.
 */
public final class CaliforniaHousingData {
    private CaliforniaHousingData() {
    }

    /** @return the folder, whether or not it exists */
    public static Path location() {
        String shared = System.getProperty("kerasj.shared");
        Path root = shared != null && !shared.isBlank() ? Path.of(shared) : PythonKeras.repoRoot().resolve("../shared");
        return root.resolve("datasets/california-housing").toAbsolutePath().normalize();
    }

    /** @return true when the folder holds {@code cal_housing.data} */
    public static boolean isPresent() {
        return Files.isRegularFile(location().resolve("cal_housing.data"));
    }

    /**
     * Skips the calling test, with the reason printed, unless the shared copy is there.
     *
     * @return the folder holding {@code cal_housing.data}
     */
    public static Path dir() {
        if (!isPresent()) {
            System.out.println("skipped: no shared copy of California housing (cal_housing.data) in " + location());
        }
        Assumptions.assumeTrue(isPresent(), "no shared copy of California housing (cal_housing.data) in " + location());
        return location();
    }
}
