package io.kerasj.tuner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keras Tuner's {@code hp.Int}: an integer in [min, max], both included; with a step, only the values reached from
 * {@code min} by adding (linear) or multiplying (log) it. A linear range without a step has step 1, as Keras Tuner's.
 *
 * @param name the name
 * @param min {@code min_value}
 * @param max {@code max_value}, included
 * @param step the step, or null (log sampling of any integer)
 * @param sampling how values are drawn
 * @param byDefault the value before a search chooses one: {@code min} unless given
 */
public record IntParameter(String name, long min, long max, Long step, Sampling sampling, long byDefault)
        implements HyperParameter {

    /** Checks the range, and gives a linear range its step of 1. */
    public IntParameter {
        sampling.checkRange(name, min, max);
        if (step == null && sampling == Sampling.LINEAR) {
            step = 1L;
        }
        if (step != null && (step <= 0 || (sampling != Sampling.LINEAR && step < 2))) {
            throw new IllegalArgumentException(name + ": step must be positive (and at least 2 for " + sampling.keyword()
                    + " sampling), found " + step);
        }
    }

    @Override
    public Object defaultValue() {
        return byDefault;
    }

    @Override
    public Object probToValue(double prob) {
        if (step == null) {
            // max + 1 so that max itself may be drawn from [0, 1)
            return (long) sampling.value(prob, min, max + 1);
        }
        return (long) sampling.steppedValue(prob, min, max, step);
    }

    @Override
    public List<Object> gridValues() {
        if (step == null) {
            List<Object> all = new ArrayList<>();
            for (long v = min; v <= max; v++) {
                all.add(v);
            }
            return all;
        }
        int count = sampling.valueCount(min, max, step);
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add((long) sampling.steppedValue((i + 0.5) / count, min, max, step));
        }
        return values;
    }

    @Override
    public Map<String, Object> config() {
        return sampling.rangeConfig("Int", name, min, max, step, byDefault);
    }

    @Override
    public Object normalize(Object value) {
        return ((Number) value).longValue();
    }
}
