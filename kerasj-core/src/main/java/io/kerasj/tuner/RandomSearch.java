package io.kerasj.tuner;

/**
 * Keras Tuner's {@code RandomSearch}: each trial's values drawn at random from the space, as Keras Tuner draws them
 * (the same seed gives the same values).
 *
 * <pre>{@code
 * SearchResult result = new RandomSearch(hp -> buildModel(hp), "val_loss", 10)
 *         .seed(42).directory(Path.of("search")).search(new TrialData(train, valid), 20);
 * }</pre>
 */
public final class RandomSearch extends Tuner {
    /**
     * @param hyperModel the model-building function
     * @param objective a History key, its direction inferred ({@link Objective#of})
     * @param maxTrials the most trials
     */
    public RandomSearch(HyperModel hyperModel, String objective, int maxTrials) {
        this(hyperModel, Objective.of(objective), maxTrials);
    }

    /**
     * @param hyperModel the model-building function
     * @param objective what is optimized
     * @param maxTrials the most trials
     */
    public RandomSearch(HyperModel hyperModel, Objective objective, int maxTrials) {
        super(hyperModel, objective, maxTrials);
    }

    @Override
    Oracle oracle(long seed) {
        return new RandomSearchOracle(seed);
    }
}
