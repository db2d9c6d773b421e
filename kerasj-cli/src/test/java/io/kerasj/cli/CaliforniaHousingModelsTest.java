package io.kerasj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.layers.Naming;
import io.kerasj.models.Model;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The California-housing notebooks' models and how each takes the data, without training. */
class CaliforniaHousingModelsTest {

    @Test
    void theTwoInputModelsTakeColumnsZeroToFourAndTwoToSeven() {
        float[] rows = new float[2 * 8];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        List<FloatSamples> inputs = CaliforniaHousingModels.WIDE_DEEP_MULTI_INPUT.inputs(FloatSamples.of(rows, 8));
        assertThat(inputs).hasSize(2);
        assertThat(inputs.get(0).sampleShape()).containsExactly(5);
        assertThat(inputs.get(0).toArray()).containsExactly(0, 1, 2, 3, 4, 8, 9, 10, 11, 12);
        assertThat(inputs.get(1).sampleShape()).containsExactly(6);
        assertThat(inputs.get(1).toArray()).containsExactly(2, 3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 15);
        assertThat(CaliforniaHousingModels.WIDE_DEEP.inputs(FloatSamples.of(rows, 8))).hasSize(1);
    }

    @Test
    void onlyTheTwoOutputModelTakesTheTargetsTwice() {
        Targets y = Targets.floats(new float[] {1, 2}, 2);
        assertThat(CaliforniaHousingModels.WIDE_DEEP_MULTI_OUTPUT.targets(y)).containsExactly(y, y);
        assertThat(CaliforniaHousingModels.REGRESSION.targets(y)).containsExactly(y);
    }

    @Test
    void eachModelHasTheCoursesShapeAndLearningRate() {
        long[] params = {301, 1239, 1176, 1207, 1239};
        for (CaliforniaHousingModels m : CaliforniaHousingModels.values()) {
            Naming.clearSession();
            try (Model model = m.build(1, m.defaultLearningRate())) {
                assertThat(model.countParams()).as(m.id()).isEqualTo(params[m.ordinal()]);
                assertThat(model.inputNames()).as(m.id()).hasSize(m.inputs(FloatSamples.of(new float[8], 8)).size());
                assertThat(model.outputNames()).as(m.id()).hasSize(m == CaliforniaHousingModels.WIDE_DEEP_MULTI_OUTPUT ? 2 : 1);
                assertThat(model.learningRate()).as(m.id()).isEqualTo(m.defaultLearningRate(), org.assertj.core.data.Offset.offset(1e-9));
            }
        }
        assertThat(CaliforniaHousingModels.WIDE_DEEP.defaultLearningRate()).isEqualTo(1e-3);
        assertThat(CaliforniaHousingModels.WIDE_DEEP_SUBCLASS.defaultLearningRate()).isEqualTo(1e-3);
        assertThat(CaliforniaHousingModels.REGRESSION.defaultLearningRate()).isEqualTo(0.01);
        Naming.clearSession();
        try (Model model = CaliforniaHousingModels.WIDE_DEEP_MULTI_INPUT.build(1, 0.01)) {
            assertThat(model.inputNames()).containsExactly("wide_input", "deep_input");
        }
        Naming.clearSession();
        try (Model model = CaliforniaHousingModels.WIDE_DEEP_SUBCLASS.build(1, 0.001)) {
            assertThat(model).isInstanceOf(WideDeepModel.class);
            assertThat(model.className()).isEqualTo("WideDeepModel");
        }
    }
}
