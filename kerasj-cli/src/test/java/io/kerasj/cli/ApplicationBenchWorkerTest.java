package io.kerasj.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.data.Npy;
import io.kerasj.data.NpyArray;
import io.kerasj.layers.BatchNormalization;
import io.kerasj.layers.Conv2D;
import io.kerasj.layers.Dense;
import io.kerasj.layers.GlobalAveragePooling2D;
import io.kerasj.layers.Input;
import io.kerasj.layers.KerasTensor;
import io.kerasj.models.Model;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KerasJ's side of {@code kerasj bench --model mobilenetv2}, on a tiny model of the same shape (a nested base model
 * under global pooling and a Dense head): the protocol {@code bench_applications.py serve} shares, in process, and
 * two workers as child JVMs taking turns as the bench drives them.
 */
class ApplicationBenchWorkerTest {
    private static final int IMAGES = 12;
    /** Conv2D(4, 3) on 3 channels: 3*3*3*4 + 4; BatchNormalization: gamma, beta (+ 8 moving statistics). */
    private static final long BASE_TRAINABLE = 112 + 8;
    /** Dense(10) on 4 features. */
    private static final long HEAD = 4 * 10 + 10;

    @TempDir
    static Path dir;

    @BeforeAll
    static void tinyApplication() throws Exception {
        Input image = new Input(8, 8, 3);
        KerasTensor features = new BatchNormalization().name("bn").apply(new Conv2D(4, 3).name("conv").apply(image));
        Model base = new Model(List.of(image), List.of(features), "base");
        Input inputs = new Input(8, 8, 3);
        KerasTensor pooled = new GlobalAveragePooling2D().name("pool").apply(base.apply(inputs));
        try (Model model = new Model(List.of(inputs), List.of(new Dense(10, "softmax").name("head").apply(pooled)), "tiny")) {
            model.seed(3);
            model.save(dir.resolve("model.keras"));
        }
        Random random = new Random(5);
        float[] x = new float[IMAGES * 8 * 8 * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat() * 2 - 1;
        }
        int[] y = new int[IMAGES];
        for (int i = 0; i < IMAGES; i++) {
            y[i] = random.nextInt(10);
        }
        Npy.write(dir.resolve("x.npy"), NpyArray.ofFloat32(x, IMAGES, 8, 8, 3));
        Npy.write(dir.resolve("y.npy"), NpyArray.ofInt32(y, IMAGES));
    }

    private static List<JsonNode> serve(Path folder, String commands) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ApplicationBenchWorker.serve(folder, new BufferedReader(new StringReader(commands)),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<JsonNode> replies = new ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).strip().split("\n")) {
            replies.add(new ObjectMapper().readTree(line));
        }
        return replies;
    }

    @Test
    void answersPredictFreezeEpochUnfreezeAndUnknownCommandsOneJsonLineEach() throws Exception {
        List<JsonNode> replies = serve(dir, "predict\nfreeze\nepoch\nunfreeze\nepoch\nbogus\nquit\npredict\n");
        assertThat(replies).hasSize(7); // nothing after quit
        assertThat(replies.get(0).get("ready").asBoolean()).isTrue();
        assertThat(replies.get(0).get("params").asLong()).isEqualTo(BASE_TRAINABLE + 8 + HEAD);
        assertThat(replies.get(1).get("seconds").asDouble()).isPositive();
        assertThat(replies.get(2).get("trainable_params").asLong()).isEqualTo(HEAD);
        assertThat(replies.get(3).get("seconds").asDouble()).isPositive();
        assertThat(replies.get(3).get("loss").asDouble()).isPositive().isFinite();
        assertThat(replies.get(4).get("trainable_params").asLong()).isEqualTo(BASE_TRAINABLE + HEAD);
        assertThat(replies.get(5).get("seconds").asDouble()).isPositive();
        assertThat(replies.get(6).get("error").asText()).isEqualTo("unknown command 'bogus'");
    }

    @Test
    void aModelThatDoesNotLoadIsOneErrorLineInsteadOfReady(@TempDir Path empty) throws Exception {
        List<JsonNode> replies = serve(empty, "predict\n");
        assertThat(replies).hasSize(1);
        assertThat(replies.get(0).has("ready")).isFalse();
        assertThat(replies.get(0).get("error").asText()).contains("x.npy");
    }

    @Test
    @Tag("slow")
    void aChildWorkerAnswersTurnsAfterItsWarmUpAndReportsItsPeakMemory() throws Exception {
        List<String> command = ChildPeakRss.javaCommand(ApplicationBenchWorker.class);
        command.add(dir.toString());
        // one child on both sides of the turns: the protocol is the same, and a second JVM would only cost time
        try (ApplicationBench.Worker worker = ApplicationBench.Worker.start("child", command, dir.resolve("child.log"))) {
            assertThat(worker.ready().get("ready").asBoolean()).isTrue();
            List<Double>[] seconds = ApplicationBench.takeTurns(worker, worker, "predict", 2);
            assertThat(seconds[0]).hasSize(2).allSatisfy(s -> assertThat(s).isPositive());
            assertThat(seconds[1]).hasSize(2).allSatisfy(s -> assertThat(s).isPositive());
            assertThatThrownBy(() -> worker.ask("bogus")).hasMessage("child side, bogus: unknown command 'bogus'");
            if (Files.isReadable(Path.of("/proc/self/status"))) {
                assertThat(worker.peakRssMb()).isGreaterThan(50); // a JVM with TensorFlow loaded
            }
        }
    }

    @Test
    void aLongLoaderMessageIsCutToOneReadableLine() {
        String message = "unsupported BatchNormalization option axis=3 (layer 'conv1_bn'), ".repeat(50);
        assertThat(ApplicationBench.shortened(message)).hasSizeLessThan(300).contains("conv1_bn").endsWith("more characters)");
        assertThat(ApplicationBench.shortened("short")).isEqualTo("short");
    }
}
