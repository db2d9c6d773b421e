package io.kerasj.tuner;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One dimension of a search space, Keras Tuner's {@code HyperParameter}: {@link IntParameter}, {@link FloatParameter},
 * {@link ChoiceParameter} or {@link BooleanParameter}.
 */
public sealed interface HyperParameter extends Serializable
        permits IntParameter, FloatParameter, ChoiceParameter, BooleanParameter {
    /** @return the name, unique in its space */
    String name();

    /** @return the value a model gets when the search has not chosen one */
    Object defaultValue();

    /**
     * Keras Tuner's {@code prob_to_value}: the value at a cumulative probability.
     *
     * @param prob a number in [0, 1)
     * @return the value
     */
    Object probToValue(double prob);

    /** @return every value, in order, for a grid search */
    List<Object> gridValues();

    /** @return Keras Tuner's {@code get_config()} ({@code class_name} and {@code config}) */
    Map<String, Object> config();

    /**
     * @param value a value read back from a results file (JSON numbers come back as Integer, Long or Double)
     * @return the value in this parameter's own type
     */
    Object normalize(Object value);
}
