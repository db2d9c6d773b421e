package io.kerasj.tuner;

import io.kerasj.KerasJException;
import io.kerasj.io.OutputLock;
import io.kerasj.models.Model;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Keras Tuner's {@code Tuner}: runs the trials its oracle plans, each on a model the {@link HyperModel} builds,
 * writes every finished trial to the results folder at once, and returns the table, the best hyperparameters and the
 * best model. Trials run {@link #parallelTrials} at a time on local threads, or wherever a {@link TrialRunner} puts
 * them. A trial that throws is recorded as failed and the search goes on. The search holds the results folder's
 * {@link OutputLock} from start to end, and a search started again on the same folder runs only the trials it lacks.
 */
public abstract class Tuner {
    private final HyperModel hyperModel;
    private final Objective objective;
    private final int maxTrials;
    private int executionsPerTrial = 1;
    private long seed;
    private boolean seedGiven;
    private Path directory = Path.of("untitled_project");
    private boolean overwrite;
    private int batchSize = 32;
    private int parallelTrials = 1;
    private PrintStream out;

    /**
     * @param hyperModel the model-building function
     * @param objective what is optimized
     * @param maxTrials the most trials, at least 1
     */
    protected Tuner(HyperModel hyperModel, Objective objective, int maxTrials) {
        if (maxTrials < 1) {
            throw new IllegalArgumentException("max_trials: expected at least 1, found " + maxTrials);
        }
        this.hyperModel = hyperModel;
        this.objective = objective;
        this.maxTrials = maxTrials;
    }

    /** @return the oracle that plans the trials, given the seed */
    abstract Oracle oracle(long seed);

    /**
     * @param executions fits per trial, their best-epoch metrics averaged (Keras Tuner's {@code executions_per_trial})
     * @return this tuner
     */
    public Tuner executionsPerTrial(int executions) {
        if (executions < 1) {
            throw new IllegalArgumentException("executions_per_trial: expected at least 1, found " + executions);
        }
        this.executionsPerTrial = executions;
        return this;
    }

    /**
     * @param seed the seed of the oracle's draws and of the models' weights (Keras Tuner's {@code seed}; without it,
     *     a random one in [1, 10000], as Keras Tuner's)
     * @return this tuner
     */
    public Tuner seed(long seed) {
        if (seed < 0) {
            throw new IllegalArgumentException("seed: expected a non-negative number, found " + seed);
        }
        this.seed = seed;
        this.seedGiven = true;
        return this;
    }

    /**
     * @param directory the results folder (Keras Tuner's {@code directory/project_name}); default {@code untitled_project}
     * @return this tuner
     */
    public Tuner directory(Path directory) {
        this.directory = directory;
        return this;
    }

    /**
     * @param overwrite whether an existing KerasJ results folder is emptied and the search started afresh (Keras
     *     Tuner's {@code overwrite}); without it a folder of the same search is resumed, one of another search refused
     * @return this tuner
     */
    public Tuner overwrite(boolean overwrite) {
        this.overwrite = overwrite;
        return this;
    }

    /**
     * @param batchSize the batch size of every fit (default 32)
     * @return this tuner
     */
    public Tuner batchSize(int batchSize) {
        this.batchSize = batchSize;
        return this;
    }

    /**
     * @param parallel how many trials {@link #search(TrialData, int)} runs at once on local threads (default 1)
     * @return this tuner
     */
    public Tuner parallelTrials(int parallel) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel trials: expected at least 1, found " + parallel);
        }
        this.parallelTrials = parallel;
        return this;
    }

    /**
     * @param progress where a line per finished trial goes, or null for none
     * @return this tuner
     */
    public Tuner output(PrintStream progress) {
        this.out = progress;
        return this;
    }

    /** @return the objective */
    public Objective objective() {
        return objective;
    }

    /**
     * Keras Tuner's {@code search(x, y, epochs=..., validation_data=...)}, on {@link #parallelTrials} local threads.
     *
     * @param data the training and validation rows
     * @param epochs the epochs of each fit
     * @return the result
     */
    public SearchResult search(TrialData data, int epochs) {
        try (LocalTrialRunner runner = new LocalTrialRunner(data, parallelTrials)) {
            return search(runner, epochs);
        }
    }

    /**
     * Runs the search's missing trials on a runner.
     *
     * @param runner where trials run
     * @param epochs the epochs of each fit
     * @return the result
     * @throws io.kerasj.io.OutputRefusedException when the results folder may not be written (before any trial)
     * @throws KerasJException when another search holds the folder, or a result cannot be written
     */
    public SearchResult search(TrialRunner runner, int epochs) {
        long searchSeed = seedGiven ? seed : 1 + new java.util.Random().nextInt(10_000);
        List<HyperParameter> space = initialSpace();
        Oracle oracle = oracle(searchSeed);
        TrialTask task = new TrialTask(hyperModel, space, objective, epochs, batchSize, executionsPerTrial, searchSeed);
        try (OutputLock lock = OutputLock.acquire(directory)) {
            ResultsFolder folder = ResultsFolder.open(directory, description(oracle, space, epochs, searchSeed), overwrite);
            return run(runner, task, oracle.plan(space, maxTrials), folder, space);
        } catch (IOException e) {
            throw new KerasJException(directory + ": " + e.getMessage(), e);
        }
    }

    /** Keras Tuner's {@code _populate_initial_space}: one build with the defaults declares the space. */
    private List<HyperParameter> initialSpace() {
        HyperParameters hp = new HyperParameters();
        try (Model ignored = hyperModel.build(hp)) {
            // only the declarations matter
        }
        if (hp.space().isEmpty()) {
            throw new IllegalArgumentException("the model-building function declared no hyperparameter");
        }
        return hp.space();
    }

    private Map<String, Object> description(Oracle oracle, List<HyperParameter> space, int epochs, long searchSeed) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("written_by", "KerasJ");
        d.put("oracle", oracle.description());
        d.put("objective", Map.of("name", objective.name(), "direction", objective.direction().keyword()));
        d.put("max_trials", maxTrials);
        d.put("executions_per_trial", executionsPerTrial);
        d.put("epochs", epochs);
        d.put("batch_size", batchSize);
        d.put("seed", searchSeed);
        List<Map<String, Object>> configs = new ArrayList<>();
        space.forEach(p -> configs.add(p.config()));
        d.put("space", configs);
        return d;
    }

    private SearchResult run(TrialRunner runner, TrialTask task, List<TrialSpec> plan, ResultsFolder folder,
                             List<HyperParameter> space) throws IOException {
        TreeMap<Integer, TrialResult> finished = folder.finishedTrials();
        finished.keySet().removeIf(n -> n >= plan.size());
        Deque<TrialSpec> pending = new ArrayDeque<>();
        plan.stream().filter(s -> !finished.containsKey(s.number())).forEach(pending::add);
        if (out != null && !finished.isEmpty()) {
            out.printf(Locale.ROOT, "Resuming %s: %d of %d trials finished before%n", folder.dir(), finished.size(), plan.size());
        }
        HParamsLog log = new HParamsLog(folder.tensorboard());
        BlockingQueue<TrialResult> done = new LinkedBlockingQueue<>();
        int running = 0;
        int ran = 0;
        while (!pending.isEmpty() || running > 0) {
            while (running < runner.parallelism() && !pending.isEmpty()) {
                TrialSpec spec = pending.poll();
                runner.submit(task, spec).whenComplete((result, error) -> done.add(result != null ? result
                        : TrialResult.failed(spec.number(), spec.values(), describe(error), 0)));
                running++;
            }
            TrialResult result;
            try {
                result = done.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KerasJException("search interrupted: " + finished.size() + " trials are in " + folder.dir(), e);
            }
            running--;
            ran++;
            record(result, finished, folder, log, space);
        }
        SearchResult result = new SearchResult(objective, space, List.copyOf(finished.values()),
                bestExists(finished) ? folder.bestModel() : null, ran);
        folder.writeTable(result);
        return result;
    }

    private void record(TrialResult result, TreeMap<Integer, TrialResult> finished, ResultsFolder folder, HParamsLog log,
                        List<HyperParameter> space) throws IOException {
        if (result.completed()) {
            log.writeExperimentOnce(space, result.executions().get(0).keySet());
        }
        log.writeTrial(result);
        SearchResult before = new SearchResult(objective, space, List.copyOf(finished.values()), null, 0);
        boolean best = result.completed() && result.model() != null
                && before.best().map(b -> objective.better(result.score(), b.score())).orElse(true);
        if (best) {
            folder.writeBestModel(result.model());
        }
        folder.writeTrial(result);
        finished.put(result.number(), result.withoutModel());
        SearchResult now = new SearchResult(objective, space, List.copyOf(finished.values()), null, 0);
        folder.writeTable(now);
        if (out != null) {
            double bestScore = now.best().map(TrialResult::score).orElse(Double.NaN);
            out.println(result.completed()
                    ? String.format(Locale.ROOT, "Trial %s %s: %s %.6f (best %.6f) in %.1f s", result.id(),
                            result.hyperparameters(), objective.name(), result.score(), bestScore, result.seconds())
                    : String.format(Locale.ROOT, "Trial %s %s: failed in %.1f s: %s", result.id(),
                            result.hyperparameters(), result.seconds(), result.error()));
        }
    }

    private boolean bestExists(TreeMap<Integer, TrialResult> finished) {
        return finished.values().stream().anyMatch(TrialResult::completed);
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof UncheckedIOException u) {
            cause = u.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() != null ? ": " + cause.getMessage() : "");
    }
}
