package io.kerasj.tuner;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keras Tuner's {@code RandomSearchOracle}: each value of each trial is {@code hp.random_sample(seed_state)} — a fresh
 * {@code random.Random(seed_state).random()} mapped by {@link HyperParameter#probToValue} — with {@code seed_state}
 * counting up from the seed over every draw; a set of values already tried is drawn again, and after 20 such
 * collisions in a row the space counts as exhausted. Same seed, same values as Keras Tuner.
 */
final class RandomSearchOracle implements Oracle {
    /** Keras Tuner's {@code _max_collisions}. */
    static final int MAX_COLLISIONS = 20;

    private final long seed;

    /** @param seed Keras Tuner's {@code seed} (its first {@code seed_state}) */
    RandomSearchOracle(long seed) {
        this.seed = seed;
    }

    @Override
    public List<TrialSpec> plan(List<HyperParameter> space, int maxTrials) {
        List<TrialSpec> trials = new ArrayList<>();
        Set<Map<String, Object>> tried = new HashSet<>();
        long seedState = seed;
        while (trials.size() < maxTrials) {
            Map<String, Object> values = null;
            for (int collisions = 0; collisions <= MAX_COLLISIONS; collisions++) {
                Map<String, Object> drawn = new LinkedHashMap<>();
                for (HyperParameter p : space) {
                    drawn.put(p.name(), p.probToValue(new PythonRandom(seedState).random()));
                    seedState++;
                }
                if (tried.add(drawn)) {
                    values = drawn;
                    break;
                }
            }
            if (values == null) {
                break;
            }
            trials.add(new TrialSpec(trials.size(), values));
        }
        return trials;
    }

    @Override
    public String description() {
        return "random_search seed=" + seed;
    }
}
