package io.kerasj.cli;

import io.kerasj.data.Split;
import io.kerasj.io.OutputKind;
import io.kerasj.io.OwnedOutputs;
import io.kerasj.tuner.RandomSearch;
import io.kerasj.tuner.SearchResult;
import io.kerasj.tuner.TrialData;
import io.kerasj.tuner.Tuner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kerasj tune}: the course's random search on California housing ({@link CaliforniaHousingSearch}) on its
 * scaled split, objective {@code val_loss}, its trials written to the results folder as they finish; a search
 * started again on the same folder runs only the trials it lacks.
 */
@Command(name = "tune", mixinStandardHelpOptions = true,
        description = "Random search of the course's California-housing model: hidden layers 1-5, units 1-100, "
                + "learning rate log-uniform in [1e-4, 1e-2], SGD, mean squared error, objective val_loss.")
public final class TuneCommand implements Callable<Integer> {

    @Mixin
    DataDirOption data;

    @Option(names = "--results", paramLabel = "DIR", required = true,
            description = "The results folder (KerasJ's own): trials, results.csv, best_model.keras, tensorboard/. "
                    + "A folder of the same search is resumed.")
    Path results;

    @Option(names = "--max-trials", paramLabel = "N", defaultValue = "10", description = "Trials (default: ${DEFAULT-VALUE}).")
    int maxTrials;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", description = "Epochs per fit (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--executions-per-trial", paramLabel = "N", defaultValue = "1",
            description = "Fits per trial, their best-epoch metrics averaged (default: ${DEFAULT-VALUE}).")
    int executions;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of the draws and weights (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1", description = "Trials at once on local threads (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--train-rows", paramLabel = "N",
            description = "Train on the first N training rows only (default: all 11,610), for a quick search.")
    Integer trainRows;

    @Option(names = "--overwrite", description = "Start afresh: empty a results folder KerasJ wrote (without it, one of the same search is resumed "
                    + "and one of another search refused).")
    boolean overwrite;

    @Spec
    CommandSpec spec;

    /** @return 0 when a trial completed, 1 when none did */
    @Override
    public Integer call() {
        checkPositive("--max-trials", maxTrials);
        checkPositive("--epochs", epochs);
        checkPositive("--executions-per-trial", executions);
        checkPositive("--parallel", parallel);
        if (trainRows != null) {
            checkPositive("--train-rows", trainRows);
        }
        if (seed < 0) {
            throw new ParameterException(spec.commandLine(), "--seed: expected a non-negative number, found " + seed);
        }
        OwnedOutputs.checkWritable(results, OutputKind.TUNER_RESULTS, true, "--overwrite");
        PrintWriter out = spec.commandLine().getOut();
        Split split = data.californiaHousing().notebookSplit();
        int rows = trainRows == null ? split.train().count() : Math.min(trainRows, split.train().count());
        TrialData trialData = new TrialData(split.train().slice(0, rows), split.validation());
        out.printf(Locale.ROOT, "Random search (California housing): %d trials of %d epoch(s), %d execution(s) each, %d at once, "
                + "seed %d, %d training and %d validation rows, objective val_loss%n", maxTrials, epochs, executions, parallel,
                seed, rows, split.validation().count());
        out.flush();
        Tuner tuner = new RandomSearch(CaliforniaHousingSearch.hyperModel(), "val_loss", maxTrials).seed(seed)
                .executionsPerTrial(executions).parallelTrials(parallel).directory(results).overwrite(overwrite)
                .output(ConsoleStream.of(out));
        long start = System.nanoTime();
        SearchResult result = tuner.search(trialData, epochs);
        double minutes = (System.nanoTime() - start) / 60e9;
        out.print(result.table());
        out.printf(Locale.ROOT, "%d trial(s) run in %.2f min (%.2f trials/min)%n", result.ranThisTime(), minutes,
                result.ranThisTime() / Math.max(minutes, 1e-9));
        if (result.best().isEmpty()) {
            out.println("No trial completed; see " + results.resolve("results.csv"));
            out.flush();
            return 1;
        }
        out.println("Best hyperparameters: " + result.bestHyperparameters().values());
        out.println("Best model: " + result.bestModel());
        out.println("Results: " + results);
        out.flush();
        return 0;
    }

    private void checkPositive(String option, long value) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), option + ": expected at least 1, found " + value);
        }
    }
}
