package io.kerasj.cli;

import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Input;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.Merge;
import io.kerasj.models.CompileOptions;
import io.kerasj.models.Model;
import io.kerasj.models.Sequential;
import io.kerasj.optimizers.SGD;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The Keras course's California-housing regression notebooks: an MLP, then Wide &amp; Deep networks built with the
 * functional API (one input, two inputs, two outputs) and by subclassing. Each is compiled as its notebook: mean
 * squared error and SGD. Keras 3's {@code "sgd"} (learning rate 0.01) drives {@code wide-deep} and
 * {@code wide-deep-subclass} to NaN within 3 epochs at every seed tried, in Keras 3 as in KerasJ (their wide path
 * feeds the scaled outliers of Population and AveOccup straight to the output), so those two default to 1e-3, which
 * converges in both ({@link #defaultLearningRate()}). At 0.01 the Sequential {@code regression} diverges too, at 1
 * seed in 10 (KerasJ's seed 1, Keras's seed 5).
 */
public enum CaliforniaHousingModels {
    /** Dense(30, relu) → Dense(1), Sequential. */
    REGRESSION("regression", "Sequential: Dense(30, relu) -> Dense(1)", CaliforniaHousingModels.KERAS_SGD_LEARNING_RATE),
    /** Input(8) → Dense(30, relu) → Dense(30, relu); concatenate([input, hidden2]) → Dense(1). */
    WIDE_DEEP("wide-deep", "Input(8) -> Dense(30, relu) -> Dense(30, relu); concatenate([input, hidden2]) -> Dense(1)",
            CaliforniaHousingModels.CONVERGING_LEARNING_RATE),
    /** wide_input = columns 0-4, deep_input = columns 2-7 → two hidden layers; concatenate([wide, hidden2]) → Dense(1). */
    WIDE_DEEP_MULTI_INPUT("wide-deep-multi-input",
            "wide_input = columns 0-4, deep_input = columns 2-7 -> Dense(30, relu) -> Dense(30, relu); concatenate([wide, hidden2]) -> Dense(1)",
            CaliforniaHousingModels.KERAS_SGD_LEARNING_RATE),
    /** The multi-input model with a second head, Dense(1) on hidden2; y given to both, the loss given once. */
    WIDE_DEEP_MULTI_OUTPUT("wide-deep-multi-output", "the multi-input model plus an aux output Dense(1) on hidden2, y given twice",
            CaliforniaHousingModels.KERAS_SGD_LEARNING_RATE),
    /** The subclassed WideDeepModel, built with {@code build(new long[]{8})}. */
    WIDE_DEEP_SUBCLASS("wide-deep-subclass", "WideDeepModel extends Model: the wide-deep network in call(), build([8])",
            CaliforniaHousingModels.CONVERGING_LEARNING_RATE);

    /** Keras's {@code optimizer="sgd"}: SGD at learning rate 0.01 ({@link SGD#SGD()}). */
    public static final double KERAS_SGD_LEARNING_RATE = 0.01;
    /**
     * SGD's learning rate for the two one-input Wide &amp; Deep notebooks: at Keras's 0.01 they diverge to NaN in
     * epoch 2 or 3 (Keras 3 and KerasJ, every seed tried); at 1e-3 both converge (seed 7: Keras 3 in 43 epochs to a
     * test MSE of 0.422, KerasJ in 46 to 0.425).
     */
    public static final double CONVERGING_LEARNING_RATE = 1e-3;
    /** Features of California housing. */
    static final int FEATURES = 8;
    /** Columns {@code [0, 5)} feed the wide input of the two-input models. */
    static final int WIDE_FROM = 0;
    static final int WIDE_TO = 5;
    /** Columns {@code [2, 8)} feed the deep input of the two-input models. */
    static final int DEEP_FROM = 2;
    static final int DEEP_TO = 8;
    private static final int UNITS = 30;

    private final String id;
    private final String description;
    private final double defaultLearningRate;

    CaliforniaHousingModels(String id, String description, double defaultLearningRate) {
        this.id = id;
        this.description = description;
        this.defaultLearningRate = defaultLearningRate;
    }

    /** @return the name {@code kerasj notebook --model} takes, e.g. {@code wide-deep} */
    public String id() {
        return id;
    }

    /** @return one line on the model */
    public String description() {
        return description;
    }

    /** @return SGD's learning rate when {@code --learning-rate} is not given: Keras's 0.01, or 1e-3 where 0.01 diverges */
    public double defaultLearningRate() {
        return defaultLearningRate;
    }

    /**
     * @param id a model name
     * @return the model, or null when {@code id} is not one of these
     */
    public static CaliforniaHousingModels find(String id) {
        for (CaliforniaHousingModels m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        return null;
    }

    /** @return the names, comma-separated */
    public static String names() {
        return Arrays.stream(values()).map(CaliforniaHousingModels::id).collect(Collectors.joining(", "));
    }

    /**
     * The inputs as the notebook feeds them: the whole rows, or {@code (x[:, :5], x[:, 2:])} for the two-input models.
     *
     * @param x the scaled rows, 8 features each
     * @return one samples per model input
     */
    public List<FloatSamples> inputs(FloatSamples x) {
        if (this == WIDE_DEEP_MULTI_INPUT || this == WIDE_DEEP_MULTI_OUTPUT) {
            return List.of(x.columns(WIDE_FROM, WIDE_TO), x.columns(DEEP_FROM, DEEP_TO));
        }
        return List.of(x);
    }

    /**
     * @param y the median house values
     * @return one targets per model output: {@code y}, or {@code [y, y]} for the two-output model
     */
    public List<Targets> targets(Targets y) {
        return this == WIDE_DEEP_MULTI_OUTPUT ? List.of(y, y) : List.of(y);
    }

    /**
     * @param seed the seed of the first weights and the shuffling
     * @param learningRate SGD's learning rate
     * @return the model, built and compiled with mean squared error and SGD
     */
    public Model build(long seed, double learningRate) {
        Model model = switch (this) {
            case REGRESSION -> {
                Sequential sequential = new Sequential(seed);
                sequential.add(new Input(FEATURES));
                sequential.add(new Dense(UNITS, "relu"));
                sequential.add(new Dense(1));
                yield sequential;
            }
            case WIDE_DEEP -> {
                Input input = new Input(FEATURES);
                KerasTensor hidden2 = deep(input);
                yield new Model(input, new Dense(1).apply(Merge.concatenate(input, hidden2)));
            }
            case WIDE_DEEP_MULTI_INPUT, WIDE_DEEP_MULTI_OUTPUT -> {
                Input wide = new Input(new long[] {WIDE_TO - WIDE_FROM}, "wide_input");
                Input deep = new Input(new long[] {DEEP_TO - DEEP_FROM}, "deep_input");
                KerasTensor hidden2 = deep(deep);
                KerasTensor output = new Dense(1).apply(Merge.concatenate(wide, hidden2));
                yield this == WIDE_DEEP_MULTI_INPUT
                        ? new Model(List.of(wide, deep), List.of(output))
                        : new Model(List.of(wide, deep), List.of(output, new Dense(1).apply(hidden2)));
            }
            case WIDE_DEEP_SUBCLASS -> {
                WideDeepModel subclassed = new WideDeepModel();
                subclassed.build(new long[] {FEATURES});
                yield subclassed;
            }
        };
        model.seed(seed);
        model.compile(CompileOptions.defaults().optimizer(new SGD(learningRate)).loss("mean_squared_error"));
        return model;
    }

    private static KerasTensor deep(KerasTensor input) {
        KerasTensor hidden1 = new Dense(UNITS, "relu").apply(input);
        return new Dense(UNITS, "relu").apply(hidden1);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%-22s %s", id, description);
    }
}
