package io.kerasj.cli;

import io.kerasj.model.Sequential;
import io.kerasj.model.ThreadSettings;
import picocli.CommandLine.Option;

/** The shared {@code --intra-op-threads} / {@code --inter-op-threads} options: TensorFlow's thread pools. */
public final class ThreadsOption {

    @Option(names = "--intra-op-threads", paramLabel = "N",
            description = "Threads inside one op (default: 1 for models under 5M weights, else all cores; 0: TensorFlow's choice).")
    Integer intraOp;

    @Option(names = "--inter-op-threads", paramLabel = "N", description = "Threads across ops (default: 1; 0: TensorFlow's choice).")
    Integer interOp;

    /**
     * Applies the options to a model that has not run yet; without options the model keeps its default.
     *
     * @param model the model
     * @return the model
     */
    Sequential applyTo(Sequential model) {
        if (intraOp != null || interOp != null) {
            ThreadSettings defaults = model.threadSettings();
            model.threads(new ThreadSettings(intraOp != null ? intraOp : defaults.intraOp(), interOp != null ? interOp : defaults.interOp()));
        }
        return model;
    }
}
