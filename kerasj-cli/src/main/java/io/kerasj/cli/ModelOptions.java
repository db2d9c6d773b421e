package io.kerasj.cli;

import io.kerasj.data.FloatSamples;
import io.kerasj.models.Model;
import io.kerasj.models.Sequential;
import io.kerasj.models.ThreadSettings;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options shared by the commands that build the notebook's model: {@code --seed} and TensorFlow's thread
 * pools ({@code --intra-op-threads}, {@code --inter-op-threads}).
 */
public final class ModelOptions {

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the first weights and the shuffling (default: ${DEFAULT-VALUE}; "
            + "the California-housing notebooks: 7, as python-reference/regression_notebooks.py).")
    long seed;

    @Option(names = "--intra-op-threads", paramLabel = "N",
            description = "Threads inside one op (default: 1 for models under 1M multiply-adds per sample, else all cores; 0: TensorFlow's choice).")
    Integer intraOp;

    @Option(names = "--inter-op-threads", paramLabel = "N", description = "Threads across ops (default: 1; 0: TensorFlow's choice).")
    Integer interOp;

    /**
     * Checks the options before any work.
     *
     * @param commandLine the command, for the usage error
     * @throws ParameterException when a thread count is negative
     */
    void validate(CommandLine commandLine) {
        if (intraOp != null && intraOp < 0) {
            throw new ParameterException(commandLine, "--intra-op-threads: expected a number >= 0, found " + intraOp);
        }
        if (interOp != null && interOp < 0) {
            throw new ParameterException(commandLine, "--inter-op-threads: expected a number >= 0, found " + interOp);
        }
    }

    /**
     * Refuses a {@code --seed} that differs from a checkpoint's: the run continues with the checkpoint's seed.
     *
     * @param commandLine the command, for the usage error
     * @param checkpointSeed the checkpoint's seed
     * @param checkpoint the checkpoint's directory, for the message
     */
    void checkSeedMatches(CommandLine commandLine, long checkpointSeed, java.nio.file.Path checkpoint) {
        if (commandLine.getParseResult().hasMatchedOption("--seed") && seed != checkpointSeed) {
            throw new ParameterException(commandLine, "--seed " + seed + ": the checkpoint in " + checkpoint
                    + " was trained with seed " + checkpointSeed + "; pass --seed " + checkpointSeed + " or leave --seed out");
        }
    }

    /** @return the notebook's compiled model with {@code --seed} and the thread options */
    Sequential build() {
        return build(seed);
    }

    /**
     * @param seedOverride the seed to use instead of {@code --seed} (a checkpoint's)
     * @return the notebook's compiled model with the thread options
     */
    Sequential build(long seedOverride) {
        return withThreads(NotebookModel.build(seedOverride));
    }

    /**
     * @param variant a model of the series
     * @param seedOverride the seed to use instead of {@code --seed}, or null
     * @param xTrain the scaled training images (a Normalization layer adapts on them)
     * @return the compiled model with the thread options
     */
    Sequential build(FashionMnistModels variant, Long seedOverride, FloatSamples xTrain) {
        return withThreads(variant.build(seedOverride != null ? seedOverride : seed, xTrain));
    }

    /**
     * @param variant a model of the series
     * @param xTrain the scaled training images (a Normalization layer adapts on them)
     * @return the same model with Keras's default step written out by hand, {@code --seed} and the thread options
     */
    OwnTrainStepModel buildWithOwnTrainStep(FashionMnistModels variant, FloatSamples xTrain) {
        return withThreads(variant.buildWithOwnTrainStep(seed, xTrain));
    }

    /**
     * @param commandLine the command, to tell whether {@code --seed} was given
     * @param seriesDefault the seed when it was not
     * @return {@code --seed}, or {@code seriesDefault}
     */
    long seedOr(CommandLine commandLine, long seriesDefault) {
        return commandLine.getParseResult().hasMatchedOption("--seed") ? seed : seriesDefault;
    }

    /**
     * @param variant a California-housing notebook
     * @param seed the seed of the first weights and the shuffling
     * @param learningRate SGD's learning rate
     * @return the compiled model with the thread options
     */
    Model build(CaliforniaHousingModels variant, long seed, double learningRate) {
        return withThreads(variant.build(seed, learningRate));
    }

    /**
     * @param model a model
     * @return the model, with the thread options applied
     */
    <M extends Model> M withThreads(M model) {
        if (intraOp != null || interOp != null) {
            ThreadSettings defaults = model.threadSettings();
            model.threads(new ThreadSettings(intraOp != null ? intraOp : defaults.intraOp(), interOp != null ? interOp : defaults.interOp()));
        }
        return model;
    }
}
