package io.kerasj.cli;

import picocli.CommandLine.Option;

/** {@code --model NAME}: which model of the Fashion-MNIST series a command runs; {@code list} lists them. */
public final class ModelChoice {
    /** The name that lists the models instead of running one. */
    static final String LIST = "list";

    @Option(names = "--model", paramLabel = "NAME", defaultValue = "mlp",
            description = "The model of the series: mlp (default), normalized, dnn, dnn-bn, dnn-selu, cnn; 'list' lists them.")
    String model;

    /** @return true for {@code --model list} */
    boolean listRequested() {
        return LIST.equals(model);
    }

    /** @return the chosen model, checked */
    FashionMnistModels variant() {
        return FashionMnistModels.of(model);
    }

    /** @return one line per model: its name and what it is */
    static String listing() {
        StringBuilder text = new StringBuilder();
        for (FashionMnistModels m : FashionMnistModels.values()) {
            text.append(m).append('\n');
        }
        return text.toString();
    }
}
