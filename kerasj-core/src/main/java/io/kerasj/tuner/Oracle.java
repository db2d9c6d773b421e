package io.kerasj.tuner;

import java.util.List;

/**
 * Chooses the hyperparameter values of each trial, Keras Tuner's {@code Oracle}. Random and grid search choose
 * without looking at results, so the whole plan is known at the start: a search started again re-plans the same
 * trials and skips the finished ones.
 */
interface Oracle {
    /**
     * @param space the search space
     * @param maxTrials the most trials
     * @return the trials, numbered from 0; fewer when the space is exhausted
     */
    List<TrialSpec> plan(List<HyperParameter> space, int maxTrials);

    /** @return the oracle's name and settings for {@code search.json}, e.g. {@code random_search seed=42} */
    String description();
}
