package io.kerasj.tuner;

import io.kerasj.models.Model;
import java.io.Serializable;

/**
 * Keras Tuner's model-building function: from the hyperparameters to a compiled model. It declares what it needs
 * ({@code hp.Int("units", 1, 100)}) and uses the returned values. It is called once with the defaults to learn the
 * space, then once per execution of each trial, possibly on several threads at once (each with its own
 * {@link HyperParameters}); on Spark it is serialized to the executors, so it captures nothing that cannot be.
 */
@FunctionalInterface
public interface HyperModel extends Serializable {
    /**
     * @param hp the trial's hyperparameters
     * @return a new, compiled model
     */
    Model build(HyperParameters hp);
}
