package io.kerasj.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PathTemplateTest {
    private static final Map<String, Double> LOGS = EpochLogs.of(0.51234, 0.8, 0.456789, 0.83);

    @Test
    void formatsAsPythonsStrFormat() {
        // Python: "m-{epoch:02d}-{val_loss:.2f}.keras".format(epoch=3, val_loss=0.456789) == "m-03-0.46.keras"
        assertThat(new PathTemplate("m-{epoch:02d}-{val_loss:.2f}.keras").format(3, LOGS)).isEqualTo("m-03-0.46.keras");
        assertThat(new PathTemplate("{epoch}/{loss}/{accuracy:.3e}").format(12, LOGS)).isEqualTo("12/0.51234/8.000e-01");
        assertThat(new PathTemplate("{{x}}-{epoch:3d}-{val_accuracy:06.2f}").format(7, LOGS)).isEqualTo("{x}-  7-000.83");
        assertThat(new PathTemplate("best").format(1, LOGS)).isEqualTo("best");
    }

    @Test
    void aMissingKeyOrBadSpecNamesTheTemplate() {
        assertThatThrownBy(() -> new PathTemplate("m-{val_auc}").format(1, LOGS))
                .hasMessage("Failed to format this callback filepath: \"m-{val_auc}\". Reason: 'val_auc'");
        assertThatThrownBy(() -> new PathTemplate("{loss:02d}").format(1, LOGS))
                .hasMessageContaining("Unknown format code 'd' for object of type 'float'");
        assertThatThrownBy(() -> new PathTemplate("{epoch:>5}").format(1, LOGS)).hasMessageContaining("unsupported format spec");
        assertThatThrownBy(() -> new PathTemplate("m-{epoch").format(1, LOGS)).hasMessageContaining("Single '{'");
    }
}
