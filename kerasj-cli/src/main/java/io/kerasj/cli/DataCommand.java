package io.kerasj.cli;

import io.kerasj.data.Split;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code kerasj data}: loads Fashion-MNIST and prints the shapes of the validation, train and test sets. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Load Fashion-MNIST and print the shapes of the validation, train and test sets.")
public final class DataCommand implements Callable<Integer> {

    @Mixin
    DataDirOption data;

    @Option(names = "--validation-size", paramLabel = "N", defaultValue = "5000",
            description = "Training images held out for validation (default: ${DEFAULT-VALUE}).")
    int validationSize;

    @Spec
    CommandSpec spec;

    /** @return 0 after printing the three shapes */
    @Override
    public Integer call() {
        Split split = data.fashionMnist().loadData().split(validationSize);
        PrintWriter out = spec.commandLine().getOut();
        out.println(Shapes.of(split.validation()));
        out.println(Shapes.of(split.train()));
        out.println(Shapes.of(split.test()));
        out.flush();
        return 0;
    }
}
