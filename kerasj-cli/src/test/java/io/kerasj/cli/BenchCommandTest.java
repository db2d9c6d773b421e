package io.kerasj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasj.testing.FashionMnistData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code kerasj bench} through the real command: a benchmark, so only its fields are checked, never its times. */
@Tag("slow")
class BenchCommandTest {

    @Test
    void benchPrintsItsFieldsAsJson() throws Exception {
        KerasJTest.Run run = KerasJTest.run("bench", "--epochs", "1", "--repeats", "1", "--json", "--data-dir", FashionMnistData.dir().toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        var json = new ObjectMapper().readTree(run.out());
        for (String field : new String[] {"fit_ms_per_step", "floor_ms_per_step", "ratio", "fit_s_per_epoch", "predict_images_per_s", "peak_rss_mb",
                "independent_floor_ms_per_step", "independent_floor_s_per_epoch", "ratio_independent", "floor_ratio_independent"}) {
            assertThat(json.get(field).asDouble()).as(field).isPositive();
        }
        assertThat(json.get("steps_per_epoch").asInt()).isEqualTo(1719);
    }
}
