package io.kerasj.cli;

import java.util.Arrays;
import picocli.CommandLine.Option;

/**
 * {@code --model NAME}: which notebook model a command runs, from the Fashion-MNIST series or the California-housing
 * regression notebooks; {@code list} lists them.
 */
public final class ModelChoice {
    /** The name that lists the models instead of running one. */
    static final String LIST = "list";

    @Option(names = "--model", paramLabel = "NAME", defaultValue = "mlp",
            description = "The model: mlp (default), normalized, dnn, dnn-bn, dnn-selu, cnn (Fashion-MNIST); regression, "
                    + "wide-deep, wide-deep-multi-input, wide-deep-multi-output, wide-deep-subclass (California housing); "
                    + "transfer (notebook only: Hands-On ML's transfer learning on Fashion-MNIST); 'list' lists them.")
    String model;

    /** @return true for {@code --model list} */
    boolean listRequested() {
        return LIST.equals(model);
    }

    /** @return true for {@code --model transfer}, the transfer-learning notebook */
    boolean transfer() {
        return TransferNotebook.ID.equals(model);
    }

    /** @return the chosen California-housing notebook, or null when the name is not one */
    CaliforniaHousingModels regression() {
        return CaliforniaHousingModels.find(model);
    }

    /**
     * @return the chosen model of the Fashion-MNIST series, checked
     * @throws IllegalArgumentException naming that series' models when the name is not one of them
     */
    FashionMnistModels variant() {
        return FashionMnistModels.of(model);
    }

    /**
     * Checks the name against both series, as {@code kerasj notebook} takes either.
     *
     * @throws IllegalArgumentException naming every model when the name is none of them
     */
    void checkNotebookModel() {
        if (!transfer() && regression() == null && Arrays.stream(FashionMnistModels.values()).noneMatch(m -> m.id().equals(model))) {
            throw new IllegalArgumentException("--model: expected one of " + FashionMnistModels.names() + ", "
                    + CaliforniaHousingModels.names() + ", " + TransferNotebook.ID + ", found '" + model + "'");
        }
    }

    /** @return one line per model: its name and what it is, the Fashion-MNIST series first */
    static String listing() {
        StringBuilder text = new StringBuilder();
        for (FashionMnistModels m : FashionMnistModels.values()) {
            text.append(m).append('\n');
        }
        for (CaliforniaHousingModels m : CaliforniaHousingModels.values()) {
            text.append(m).append('\n');
        }
        text.append(String.format(java.util.Locale.ROOT, "%-22s %s\n", TransferNotebook.ID, "notebook only: Hands-On ML ch. 11, model A on 8 "
                + "Fashion-MNIST classes, model B (shirt vs sandal, 200 images) on A's frozen then unfrozen layers, against B from scratch"));
        return text.toString();
    }
}
