package io.kerasj.tuner;

import java.io.Serializable;
import java.util.Map;

/**
 * One trial to run: its number in the search and the hyperparameter values the oracle chose for it.
 *
 * @param number the trial's number, from 0
 * @param values the chosen values by name
 */
public record TrialSpec(int number, Map<String, Object> values) implements Serializable {
    /** @return Keras Tuner's trial id, the number on 4 digits: {@code 0003} */
    public String id() {
        return String.format("%04d", number);
    }
}
