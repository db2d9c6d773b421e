package io.kerasj.tuner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The space and Keras Tuner's sampling rules, Python's Mersenne Twister, the objective's direction and the oracles' plans. */
class HyperParametersTest {

    @Test
    void pythonRandomGivesPythonsFirstDraw() {
        // python -c "import random; print(random.Random(s).random())"
        assertThat(new PythonRandom(42).random()).isEqualTo(0.6394267984578837);
        assertThat(new PythonRandom(0).random()).isEqualTo(0.8444218515250481);
        assertThat(new PythonRandom((1L << 40) + 5).random()).isEqualTo(0.5043802970418443);
    }

    @Test
    void declaringReturnsDefaultsThenChosenValues() {
        HyperParameters hp = new HyperParameters();
        assertThat(hp.Int("n_hidden", 1, 5)).isEqualTo(1);
        assertThat(hp.Float("learning_rate", 1e-4, 1e-2, null, "log")).isEqualTo(1e-4);
        assertThat(hp.Choice("activation", "relu", "selu")).isEqualTo("relu");
        assertThat(hp.Boolean("dropout")).isFalse();
        assertThat(hp.space()).extracting(HyperParameter::name).containsExactly("n_hidden", "learning_rate", "activation", "dropout");

        HyperParameters chosen = HyperParameters.of(hp.space(), Map.of("n_hidden", 4, "activation", "selu", "dropout", true));
        assertThat(chosen.Int("n_hidden", 1, 5)).isEqualTo(4);
        assertThat(chosen.Choice("activation", "relu", "selu")).isEqualTo("selu");
        assertThat(chosen.Boolean("dropout")).isTrue();
        assertThatThrownBy(() -> chosen.Int("n_hidden", 1, 6)).hasMessageContaining("declared twice");
    }

    @Test
    void probabilitiesMapAsKerasTuners() {
        IntParameter units = new IntParameter("units", 1, 100, null, Sampling.LINEAR, 1);
        assertThat(units.probToValue(0.0)).isEqualTo(1L);
        assertThat(units.probToValue(0.999999)).isEqualTo(100L);
        // step 32 on [32, 512]: 16 values, prob 0.5 -> index 8
        assertThat(new IntParameter("u", 32, 512, 32L, Sampling.LINEAR, 32).probToValue(0.5)).isEqualTo(32L + 8 * 32);
        // log with step 2 on [2, 32]: 2, 4, 8, 16, 32
        IntParameter batch = new IntParameter("b", 2, 32, 2L, Sampling.LOG, 2);
        assertThat(batch.gridValues()).containsExactly(2L, 4L, 8L, 16L, 32L);
        FloatParameter lr = new FloatParameter("lr", 1e-4, 1e-2, null, Sampling.LOG, 1e-4);
        assertThat((Double) lr.probToValue(0.5)).isCloseTo(1e-3, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(new ChoiceParameter("c", List.of(1, 2, 3), null).probToValue(0.7)).isEqualTo(3L);
        assertThat(new BooleanParameter("b", false).probToValue(0.5)).isEqualTo(true);
        assertThatThrownBy(() -> new FloatParameter("lr", 0, 1, null, Sampling.LOG, 0)).hasMessageContaining("positive min_value");
        assertThatThrownBy(() -> new ChoiceParameter("c", List.of(1, "a"), null)).hasMessageContaining("one type");
    }

    @Test
    void randomSearchDrawsEachValueFromItsOwnSeedState() {
        List<HyperParameter> space = List.of(new IntParameter("n_hidden", 1, 5, null, Sampling.LINEAR, 1),
                new FloatParameter("learning_rate", 1e-4, 1e-2, null, Sampling.LOG, 1e-4));
        List<TrialSpec> plan = new RandomSearchOracle(42).plan(space, 3);
        assertThat(plan).hasSize(3);
        // trial 0: seed states 42 and 43; trial 1: 44 and 45
        assertThat(plan.get(0).values().get("n_hidden")).isEqualTo(space.get(0).probToValue(new PythonRandom(42).random()));
        assertThat(plan.get(1).values().get("learning_rate")).isEqualTo(space.get(1).probToValue(new PythonRandom(45).random()));
        // a space of two values is exhausted after two trials
        List<TrialSpec> small = new RandomSearchOracle(1).plan(List.of(new BooleanParameter("b", false)), 5);
        assertThat(small).extracting(s -> s.values().get("b")).containsExactlyInAnyOrder(true, false);
    }

    @Test
    void gridSearchWalksEveryCombinationLastFastest() {
        List<HyperParameter> space = List.of(new IntParameter("a", 1, 2, null, Sampling.LINEAR, 1),
                new ChoiceParameter("b", List.of("x", "y", "z"), null));
        List<TrialSpec> plan = new GridSearchOracle().plan(space, 100);
        assertThat(plan).extracting(s -> s.values().get("a") + "" + s.values().get("b"))
                .containsExactly("1x", "1y", "1z", "2x", "2y", "2z");
        assertThat(new GridSearchOracle().plan(space, 4)).hasSize(4);
        assertThatThrownBy(() -> new GridSearchOracle().plan(List.of(new FloatParameter("f", 0, 1, null, Sampling.LINEAR, 0)), 2))
                .hasMessageContaining("no grid");
    }

    @Test
    void objectiveDirectionIsInferredAsKerasTuners() {
        assertThat(Objective.of("val_loss").direction()).isEqualTo(Objective.Direction.MIN);
        assertThat(Objective.of("val_mean_squared_error").direction()).isEqualTo(Objective.Direction.MIN);
        assertThat(Objective.of("mse").direction()).isEqualTo(Objective.Direction.MIN);
        assertThat(Objective.of("val_accuracy").direction()).isEqualTo(Objective.Direction.MAX);
        assertThat(Objective.of("val_auc").direction()).isEqualTo(Objective.Direction.MAX);
        assertThat(Objective.of("acc").direction()).isEqualTo(Objective.Direction.MAX);
        assertThatThrownBy(() -> Objective.of("val_custom")).hasMessageContaining("cannot infer");
        Objective min = Objective.of("val_loss");
        assertThat(min.bestIndex(List.of(3.0, Double.NaN, 1.0, 1.0, 2.0))).isEqualTo(2);
        assertThat(min.better(1.0, Double.NaN)).isTrue();
    }
}
