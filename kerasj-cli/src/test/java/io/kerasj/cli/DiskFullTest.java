package io.kerasj.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.kerasj.datasets.FashionMnist;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, made real with a small tmpfs (which needs root; elsewhere the test skips, saying so): the error is
 * one line without TensorFlow's hints, and the previous export and its report are left whole.
 */
class DiskFullTest {
    private static final String DATA = FashionMnist.SYSTEM_DIR.toString();

    @TempDir
    Path tmp;

    private Path disk;
    private boolean mounted;

    @BeforeEach
    void mountASmallDisk() throws Exception {
        disk = Files.createDirectories(tmp.resolve("disk"));
        // 1600 KiB: room for one export of the notebook's model (about 1.07 MB), not for a second one beside it.
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1600k", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        String output = new String(mount.getInputStream().readAllBytes());
        mounted = mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
        assumeThat(mounted).as("cannot mount a small tmpfs to fill (needs root): " + output.strip()).isTrue();
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            new ProcessBuilder("umount", disk.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFullDiskIsOneLineAndThePreviousExportStaysWhole() throws Exception {
        Path checkpoint = tmp.resolve("ck");
        OutputSafetyTest.writeCheckpoint(checkpoint, 1);
        Path model = disk.resolve("m");
        KerasJTest.Run first = KerasJTest.run("export", model.toString(), "--from-checkpoint", checkpoint.toString(), "--data-dir", DATA);
        assertThat(first.exitCode()).as(first.err()).isZero();
        Map<String, String> before = OutputSafetyTest.tree(disk);

        OutputSafetyTest.writeCheckpoint(checkpoint, 1);
        KerasJTest.Run full = KerasJTest.run("export", model.toString(), "--from-checkpoint", checkpoint.toString(), "--overwrite",
                "--data-dir", DATA);
        assertThat(full.exitCode()).isEqualTo(1);
        assertThat(full.err()).isEqualTo("kerasj: error: " + model + ": export failed: no space left on device" + System.lineSeparator());
        assertThat(OutputSafetyTest.tree(disk)).as("the previous export and report, and no leftovers").isEqualTo(before);

        KerasJTest.Run run = KerasJTest.run("notebook", "--data-dir", DATA, "--epochs", "1", "--out", disk.resolve("run").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("kerasj: error: " + disk.resolve("run")).contains("no space left on device")
                .doesNotContain("Hint").doesNotContain("OOM");
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(OutputSafetyTest.tree(disk)).isEqualTo(before);
    }

    @Test
    void aFullDiskDuringARerunLeavesThePreviousRunFolderWhole() throws Exception {
        Path out = disk.resolve("run");
        KerasJTest.Run first = KerasJTest.run("notebook", "--data-dir", DATA, "--epochs", "1", "--out", out.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        Map<String, String> before = OutputSafetyTest.tree(disk);
        KerasJTest.Run rerun = KerasJTest.run("notebook", "--data-dir", DATA, "--epochs", "1", "--seed", "2", "--out", out.toString(),
                "--overwrite");
        assertThat(rerun.exitCode()).isEqualTo(1);
        assertThat(rerun.err()).contains("no space left on device").doesNotContain("Hint").doesNotContain("OOM");
        assertThat(rerun.err().strip().lines()).hasSize(1);
        assertThat(OutputSafetyTest.tree(disk)).as("the previous run folder, whole, and no leftovers").isEqualTo(before);
    }
}
