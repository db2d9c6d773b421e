package io.kerasj.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** {@code kerasj bench --train-step default|own}: the built-in training step only, or also one's own. */
final class TrainStepChoice {
    /** The built-in step, Keras's {@code train_step}. */
    static final String DEFAULT = "default";
    /** Also the same model with Keras's default step written out by hand in an overridden {@code trainStep}. */
    static final String OWN = "own";

    private TrainStepChoice() {
    }

    /**
     * @param commandLine the command, for the usage error
     * @param value the option's value
     * @return true for {@code own}
     * @throws ParameterException for a value that is neither
     */
    static boolean isOwn(CommandLine commandLine, String value) {
        if (!DEFAULT.equals(value) && !OWN.equals(value)) {
            throw new ParameterException(commandLine, "--train-step: expected " + DEFAULT + " or " + OWN + ", found '" + value + "'");
        }
        return OWN.equals(value);
    }
}
