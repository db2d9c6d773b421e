package io.kerasj.saving.keras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.kerasj.data.FloatSamples;
import io.kerasj.layers.Naming;
import io.kerasj.layers.ResidualModels;
import io.kerasj.models.CompileOptions;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Model;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A custom layer's sublayers in {@code .keras} files: written at Keras 3's nested paths and read back from them. */
@Tag("slow")
class SublayersKerasFileTest {

    /**
     * The datasets of Keras 3.15's {@code model.weights.h5} for the residual model (python-reference/sublayers.py):
     * the block's own variables (alpha, then the non-trainable scale) under {@code vars}, each sublayer under its
     * attribute's name, sorted by name.
     */
    static final Map<String, List<Long>> KERAS_DATASETS = new TreeMap<>(Map.ofEntries(
            Map.entry("layers/dense/vars/0", List.of(4L, 2L)), Map.entry("layers/dense/vars/1", List.of(2L)),
            Map.entry("layers/residual_block/bn/vars/0", List.of(4L)), Map.entry("layers/residual_block/bn/vars/1", List.of(4L)),
            Map.entry("layers/residual_block/bn/vars/2", List.of(4L)), Map.entry("layers/residual_block/bn/vars/3", List.of(4L)),
            Map.entry("layers/residual_block/conv1/vars/0", List.of(3L, 3L, 4L, 4L)),
            Map.entry("layers/residual_block/conv1/vars/1", List.of(4L)),
            Map.entry("layers/residual_block/conv2/vars/0", List.of(3L, 3L, 4L, 4L)),
            Map.entry("layers/residual_block/conv2/vars/1", List.of(4L)),
            Map.entry("layers/residual_block/vars/0", List.of(4L)), Map.entry("layers/residual_block/vars/1", List.of())));

    @TempDir
    Path tmp;

    @BeforeAll
    static void registerTheTestLayer() {
        io.kerasj.layers.ResidualBlock.register();
    }

    @BeforeEach
    void freshNames() {
        Naming.clearSession();
    }

    /** @return each dataset of the {@code .keras} file's weights under {@code layers/}, with its shape */
    static Map<String, List<Long>> layerDatasets(Path keras, Path scratch) throws IOException {
        Path h5 = scratch.resolve("model.weights.h5");
        try (ZipFile zip = new ZipFile(keras.toFile()); InputStream in = zip.getInputStream(new ZipEntry("model.weights.h5"))) {
            Files.copy(in, h5, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Map<String, List<Long>> out = new TreeMap<>();
        try (HdfFile file = new HdfFile(h5)) {
            collect(file, out);
        }
        out.keySet().removeIf(path -> !path.startsWith("layers/"));
        return out;
    }

    private static void collect(Group group, Map<String, List<Long>> out) {
        for (Node node : group) {
            if (node instanceof Group g) {
                collect(g, out);
            } else if (node instanceof Dataset d) {
                out.put(d.getPath().substring(1), java.util.Arrays.stream(d.getDimensions()).mapToObj(Long::valueOf).toList());
            }
        }
    }

    @Test
    void theSublayersAreWrittenAtKerasNestedPathsAndReadBackAfterTraining() throws IOException {
        Path file = tmp.resolve("residual.keras");
        FloatSamples x = ResidualModels.images(6, 21);
        float[][] expected;
        List<float[]> weights;
        try (Model model = ResidualModels.model(8)) {
            model.compile(CompileOptions.defaults().optimizer("adam").loss("mse"));
            model.fit(ResidualModels.images(32, 22), ResidualModels.targets(32, 2, 23), FitOptions.defaults().epochs(1).batchSize(8).verbose(0));
            expected = model.predict(x);
            weights = model.getWeights();
            model.save(file);
        }
        assertThat(layerDatasets(file, tmp)).isEqualTo(KERAS_DATASETS);
        Naming.clearSession();
        try (Model loaded = KerasFiles.load(file)) {
            assertThat(loaded.getLayer("residual_block").sublayers()).hasSize(4);
            List<float[]> read = loaded.getWeights();
            for (int i = 0; i < weights.size(); i++) {
                assertThat(read.get(i)).as(ResidualModels.KERAS_PATHS.get(i)).containsExactly(weights.get(i));
            }
            float[][] got = loaded.predict(x);
            for (int i = 0; i < expected.length; i++) {
                for (int o = 0; o < expected[i].length; o++) {
                    assertThat(got[i][o]).isCloseTo(expected[i][o], within(1e-6f));
                }
            }
        }
    }
}
