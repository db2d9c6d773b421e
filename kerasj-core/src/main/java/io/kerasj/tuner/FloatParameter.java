package io.kerasj.tuner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keras Tuner's {@code hp.Float}: a number in [min, max]; without a step any number of the range (log sampling:
 * uniform in its logarithm, the course's {@code reciprocal} learning rate), with a step only the values reached from
 * {@code min} by adding (linear) or multiplying (log) it.
 *
 * @param name the name
 * @param min {@code min_value}
 * @param max {@code max_value}
 * @param step the step, or null
 * @param sampling how values are drawn
 * @param byDefault the value before a search chooses one: {@code min} unless given
 */
public record FloatParameter(String name, double min, double max, Double step, Sampling sampling, double byDefault)
        implements HyperParameter {

    /** Checks the range and the step. */
    public FloatParameter {
        sampling.checkRange(name, min, max);
        if (step != null && !(step > 0 && (sampling == Sampling.LINEAR || step > 1))) {
            throw new IllegalArgumentException(name + ": step must be positive (and above 1 for " + sampling.keyword()
                    + " sampling), found " + step);
        }
    }

    @Override
    public Object defaultValue() {
        return byDefault;
    }

    @Override
    public Object probToValue(double prob) {
        return step == null ? sampling.value(prob, min, max) : sampling.steppedValue(prob, min, max, step);
    }

    /** @throws IllegalStateException without a step: a continuous range has no grid */
    @Override
    public List<Object> gridValues() {
        if (step == null) {
            throw new IllegalStateException(name + ": a Float without a step has no grid; give it a step for GridSearch");
        }
        int count = sampling.valueCount(min, max, step);
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(sampling.steppedValue((i + 0.5) / count, min, max, step));
        }
        return values;
    }

    @Override
    public Map<String, Object> config() {
        return sampling.rangeConfig("Float", name, min, max, step, byDefault);
    }

    @Override
    public Object normalize(Object value) {
        return ((Number) value).doubleValue();
    }
}
