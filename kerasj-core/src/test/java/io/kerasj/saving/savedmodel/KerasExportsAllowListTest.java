package io.kerasj.saving.savedmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.kerasj.testing.PythonKeras;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The allow-list is not too narrow: what Keras 3 writes today (the six series models, models of common layers,
 * a Keras Application, the tf.keras 2 ops, each through {@code model.export()} and {@code tf.saved_model.save})
 * and the reference models all pass the scan, restore path included. CI exports MobileNetV2 only (each Application
 * costs about a minute); {@code -Dkerasj.allowlist.apps=MobileNetV2,EfficientNetB0,ResNet50,...} checks more.
 */
@Tag("python")
@Tag("slow")
class KerasExportsAllowListTest {
    @TempDir
    Path tmp;

    @Test
    void everyFreshKerasExportAndEveryReferenceModelPassesTheScan() throws IOException {
        PythonKeras.require();
        List<String> args = new ArrayList<>(List.of(tmp.toString(), "--only", "series", "layers", "tf", "applications", "--apps"));
        args.addAll(List.of(System.getProperty("kerasj.allowlist.apps", "MobileNetV2").split(",")));
        args.addAll(List.of("--reference-models", ReferenceModels.ROOT.toString(),
                "--check", PythonKeras.repoRoot().resolve("kerasj-core/src/main/resources" + OpAllowList.RESOURCE).toString()));
        String summary = PythonKeras.run(1800, Map.of(), "op_inventory.py", args.toArray(String[]::new));
        assertThat(summary).contains("seen but not allowed: none");

        List<Path> exports = new ArrayList<>();
        try (Stream<Path> files = Files.walk(tmp.resolve("exports"))) {
            files.filter(p -> p.getFileName().toString().equals("saved_model.pb")).map(Path::getParent).forEach(exports::add);
        }
        if (Files.isDirectory(ReferenceModels.ROOT)) {
            for (String name : new String[] {ReferenceModels.KERAS212, ReferenceModels.KERAS214}) {
                exports.add(ReferenceModels.ROOT.resolve(name));
            }
        } else {
            System.out.println("KerasExportsAllowListTest: reference models not checked: no " + ReferenceModels.ROOT);
        }
        assertThat(exports).hasSizeGreaterThanOrEqualTo(2 * (6 + 6 + 2 * 2) + 1);
        for (Path dir : exports) {
            SafetyReport r = OpSafetyScanner.scan(SavedModelFiles.read(dir, List.of("serve")).metaGraph());
            assertThat(r.safe()).as(tmp.relativize(dir.toAbsolutePath()) + ": " + r.verdict()).isTrue();
            assertThat(r.reachableOps()).as(dir.toString()).contains("RestoreV2").doesNotContain("SaveV2");
        }
    }
}
