package io.kerasj.tuner;

/**
 * Keras Tuner's {@code GridSearch}: every combination of the parameters' values (Int ranges by their step, Choice
 * values, Boolean both, Float only with a step), the last declared parameter changing fastest, up to
 * {@code max_trials}.
 */
public final class GridSearch extends Tuner {
    /**
     * @param hyperModel the model-building function
     * @param objective a History key, its direction inferred ({@link Objective#of})
     * @param maxTrials the most trials
     */
    public GridSearch(HyperModel hyperModel, String objective, int maxTrials) {
        this(hyperModel, Objective.of(objective), maxTrials);
    }

    /**
     * @param hyperModel the model-building function
     * @param objective what is optimized
     * @param maxTrials the most trials
     */
    public GridSearch(HyperModel hyperModel, Objective objective, int maxTrials) {
        super(hyperModel, objective, maxTrials);
    }

    @Override
    Oracle oracle(long seed) {
        return new GridSearchOracle();
    }
}
