package io.kerasj.engine;

import io.kerasj.callbacks.Callback;
import io.kerasj.callbacks.History;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.layers.Layer;
import io.kerasj.layers.WeightSpec;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Model;
import io.kerasj.pipeline.Pipeline;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.tensorflow.types.TFloat32;

/**
 * What runs a {@link Model}: its graph (made on first need, with the first weights drawn from the seed), the
 * compiled configuration and its training program (built on first need, rebuilt after a recompile with the state of
 * the optimizer instance, fresh for a new one), the one learning rate, the record of the fit runs, and the fit, evaluate and predict loops. The
 * model is the facade over it; this class reads from the model only its layers, shapes, name, seed and threads.
 */
public final class ModelRuntime implements AutoCloseable {
    private static final String NOT_COMPILED = "You must compile your model before training/testing. Use `model.compile(CompileOptions.defaults().optimizer(...).loss(...))`, "
            + "Keras's `model.compile(optimizer=..., loss=...)`.";

    private final Model model;
    private Replication replication;
    private final TrainStepGraph.StepFunction trainStep;
    private TrainStepGraph.StepFunction testStep;
    private final LearningRate learningRate = new LearningRate();
    private ModelGraph graph;
    private boolean closed;
    private CompileConfig compileConfig;
    private TrainingProgram program;
    /** The compiled optimizer instance's state across recompiles; null until it first trains the model. */
    private OptimizerMemory optimizerMemory;
    private int programCount;
    private int customStepCount;
    private volatile FitRun currentRun;
    private FitRun lastRun;
    private BatchSteps batchSteps;
    private CompileConfig batchStepsConfig;
    private ModelGraph batchStepsGraph;

    /** @param model the model this runs; its layers may still grow until the graph is made */
    public ModelRuntime(Model model) {
        this(model, null);
    }

    /**
     * @param model the model this runs; its layers may still grow until the graph is made
     * @param trainStep the model's own training step (its {@code trainStep} override), or null for the default one
     */
    public ModelRuntime(Model model, TrainStepGraph.StepFunction trainStep) {
        this.model = model;
        this.trainStep = trainStep;
    }

    /**
     * @param step the model's own test step (its {@code testStep} override), run by {@code evaluate} and validation;
     *     null for the default one
     */
    public void useTestStep(TrainStepGraph.StepFunction step) {
        testStep = step;
        if (graph != null) {
            graph.useTestStep(step);
        }
    }

    /**
     * Installs a compiled configuration: a program already built is dropped (the graph is rebuilt, the weights kept).
     * As in Keras 3, the optimizer's state is the instance's: compiled again with the same optimizer instance, the
     * model continues from its slots, step count and current learning rate (for the weights it was built with; a
     * weight trainable now that it was not built with is refused at the next training step, Keras's "Unknown
     * variable"); a new instance starts afresh at its own learning rate.
     *
     * @param config the loss, optimizer and metrics
     */
    public void compile(CompileConfig config) {
        requireLayers();
        Objects.requireNonNull(config, "config");
        if (program != null) {
            optimizerMemory.remember(program.trainableWeights(), graph().read(program.optimizerVariables()));
            closeGraph(); // the weights stay in SharedWeights and return with the new graph
        }
        boolean sameOptimizer = compileConfig != null && compileConfig.optimizer() == config.optimizer();
        if (optimizerMemory != null && optimizerMemory.optimizer() != config.optimizer()) {
            optimizerMemory = null;
        }
        compileConfig = config;
        if (!sameOptimizer) {
            learningRate.set(config.optimizer().learningRate());
        }
    }

    /** @return what compile fixed, or null before compile */
    public CompileConfig compileConfig() {
        return compileConfig;
    }

    private CompileConfig requireCompiled() {
        if (compileConfig == null) {
            throw new IllegalStateException(NOT_COMPILED);
        }
        return compileConfig;
    }

    /**
     * Keras's {@code fit}.
     *
     * @param x each input's training samples, in the model's input order
     * @param y each output's targets, in the model's output order
     * @param validationX each input's validation samples, or null without validation
     * @param validationY each output's validation targets, or null
     * @param options epochs, batch size, callbacks, ...
     * @return the History
     */
    public History fit(List<FloatSamples> x, List<Targets> y, List<FloatSamples> validationX, List<Targets> validationY, FitOptions options) {
        CompileConfig config = requireCompiled();
        Network network = model.network();
        List<TargetFormat> formats = TargetFormat.of(config, network.outputShapes());
        int count = InputChecks.inputs("x", x, network);
        List<Targets> targets = checkTargets("y", y, formats, count, network);
        List<Targets> validationTargets = null;
        if (validationX != null) {
            int validationCount = InputChecks.inputs("validation x", validationX, network);
            validationTargets = checkTargets("validation y", validationY, formats, validationCount, network);
        }
        List<Targets> checkedValidation = validationTargets;
        return runFit(config, trainer -> trainer.fit(x, targets, validationX, checkedValidation, options, model.seed()));
    }

    /** Runs one fit with a {@link FitRun} of its own, the model's weights claimed by its graph. */
    private History runFit(CompileConfig config, java.util.function.Function<Trainer, History> fit) {
        FitRun run = new FitRun(this);
        currentRun = run;
        lastRun = run;
        try {
            graph().claimWeights();
            return fit.apply(new Trainer(run, config, trainingProgram(), new Evaluator(graph(), config)));
        } finally {
            currentRun = null;
        }
    }

    /**
     * Keras's {@code fit} on a pipeline of batched (x, y) elements.
     *
     * @param train the training batches
     * @param validationX each input's validation samples, or null (then {@link FitOptions#validationPipeline()}, if any)
     * @param validationY each output's validation targets, or null
     * @param options epochs, steps per epoch, callbacks, ...
     * @return the History
     */
    public History fit(Pipeline train, List<FloatSamples> validationX, List<Targets> validationY, FitOptions options) {
        CompileConfig config = requireCompiled();
        Network network = model.network();
        List<Targets> validationTargets = null;
        if (validationX != null) {
            int validationCount = InputChecks.inputs("validation x", validationX, network);
            validationTargets = checkTargets("validation y", validationY, TargetFormat.of(config, network.outputShapes()), validationCount, network);
        }
        List<Targets> checkedValidation = validationTargets;
        return runFit(config, trainer -> trainer.fit(train, validationX, checkedValidation, options));
    }

    /**
     * Keras's {@code evaluate(dataset, steps=..., return_dict=True)}.
     *
     * @param data batched (x, y) elements
     * @param steps the most batches, or 0 for the whole pass
     * @param verbose 0 silent, 1 progress bar, 2 one line
     * @param out where the progress goes
     * @param callbacks further callbacks
     * @return the loss and the metrics by name, in the compiled order
     */
    public Map<String, Double> evaluate(Pipeline data, int steps, int verbose, PrintStream out, Callback... callbacks) {
        CompileConfig config = requireCompiled();
        return new Evaluator(graph(), config).evaluate(data, steps, verbose, out, callbacks);
    }

    /**
     * Keras's {@code predict(dataset, steps=...)}.
     *
     * @param data batched elements (targets, if any, ignored)
     * @param steps the most batches, or 0 for the whole pass
     * @param callbacks callbacks whose predict hooks are called
     * @return each output's rows, one per sample
     */
    public List<float[][]> predict(Pipeline data, int steps, Callback... callbacks) {
        return new Predictor(graph()).predict(data, steps, callbacks);
    }

    private static List<Targets> checkTargets(String argument, List<Targets> y, List<TargetFormat> formats, int count, Network network) {
        if (y == null || y.size() != formats.size()) {
            throw new IllegalArgumentException(argument + ": expected targets for " + formats.size() + " output(s) " + network.outputNames()
                    + ", found " + (y == null ? "null" : y.size()));
        }
        List<Targets> checked = new ArrayList<>();
        for (int o = 0; o < formats.size(); o++) {
            String name = formats.size() == 1 ? argument : argument + "['" + network.outputNames().get(o) + "']";
            checked.add(formats.get(o).check(name, y.get(o), count));
        }
        return checked;
    }

    /**
     * Keras's {@code evaluate(..., return_dict=True)}.
     *
     * @param x each input's samples
     * @param y each output's targets
     * @param verbose 0 silent, 1 progress bar, 2 one line
     * @param out where the progress goes
     * @param callbacks further callbacks
     * @return the loss and the metrics by name, in the compiled order
     */
    public Map<String, Double> evaluate(List<FloatSamples> x, List<Targets> y, int verbose, PrintStream out, Callback... callbacks) {
        CompileConfig config = requireCompiled();
        Network network = model.network();
        int count = InputChecks.inputs("x", x, network);
        List<Targets> targets = checkTargets("y", y, TargetFormat.of(config, network.outputShapes()), count, network);
        return new Evaluator(graph(), config).evaluate(x, targets, verbose, out, callbacks);
    }

    /**
     * Keras's {@code predict}.
     *
     * @param x each input's samples
     * @param callbacks callbacks whose predict hooks are called
     * @return each output's rows, one per sample
     */
    public List<float[][]> predict(List<FloatSamples> x, Callback... callbacks) {
        InputChecks.inputs("x", x, model.network());
        return new Predictor(graph()).predict(x, callbacks);
    }

    /**
     * Keras's {@code train_on_batch(x, y, return_dict=True)}: one training step on one batch.
     *
     * @param x each input's samples: one batch
     * @param y each output's targets
     * @return the batch's loss and metrics, by name (the metrics reset first, as Keras 3)
     */
    public Map<String, Double> trainOnBatch(List<FloatSamples> x, List<Targets> y) {
        CompileConfig config = requireCompiled();
        Network network = model.network();
        int count = InputChecks.inputs("x", x, network);
        List<Targets> targets = checkTargets("y", y, TargetFormat.of(config, network.outputShapes()), count, network);
        graph().claimWeights();
        return batchSteps(config).train(trainingProgram(), x, targets);
    }

    /**
     * Keras's {@code test_on_batch(x, y, return_dict=True)}.
     *
     * @param x each input's samples: one batch
     * @param y each output's targets
     * @return the batch's loss and metrics, by name
     */
    public Map<String, Double> testOnBatch(List<FloatSamples> x, List<Targets> y) {
        CompileConfig config = requireCompiled();
        Network network = model.network();
        int count = InputChecks.inputs("x", x, network);
        List<Targets> targets = checkTargets("y", y, TargetFormat.of(config, network.outputShapes()), count, network);
        return batchSteps(config).test(x, targets);
    }

    private BatchSteps batchSteps(CompileConfig config) {
        if (batchSteps == null || batchStepsConfig != config || batchStepsGraph != graph()) {
            if (batchSteps != null) {
                batchSteps.close();
            }
            batchSteps = new BatchSteps(graph(), config, learningRate);
            batchStepsConfig = config;
            batchStepsGraph = graph();
        }
        return batchSteps;
    }

    /** Asks a running {@code fit} to stop after the current chunk of steps; the epoch is not finished. */
    public void interrupt() {
        FitRun run = currentRun;
        if (run != null) {
            run.interrupt();
        }
    }

    /** @return the state of the running {@code fit}, else of the last one, or null before any */
    public FitRun lastRun() {
        FitRun run = currentRun;
        return run != null ? run : lastRun;
    }

    /** @return copies of all weights in layer order, each flat and row-major */
    public List<float[]> getWeights() {
        graph().claimWeights();
        return graph.read(graph.weightVariables());
    }

    /** @param weights values in the order and sizes {@link #getWeights()} returns; checked, finite */
    public void setWeights(List<float[]> weights) {
        List<ResourceVariable<TFloat32>> variables = graph().weightVariables();
        if (weights.size() != variables.size()) {
            throw new IllegalArgumentException("weights: expected " + variables.size() + " arrays, found " + weights.size());
        }
        for (int i = 0; i < weights.size(); i++) {
            long expected = Arrays.stream(variables.get(i).shape()).reduce(1, (a, b) -> a * b);
            if (weights.get(i).length != expected) {
                throw new IllegalArgumentException("weights[" + i + "] (" + variables.get(i).name() + "): expected " + expected
                        + " values, found " + weights.get(i).length);
            }
            InputChecks.finite("weights[" + i + "] (" + variables.get(i).name() + ")", weights.get(i));
        }
        graph().claimWeights();
        graph.assign(variables, weights);
    }

    /** @return each weight's Keras path ({@code sequential/dense/kernel}), in {@link #getWeights()} order */
    public List<String> weightPaths() {
        List<String> paths = new ArrayList<>();
        for (ResourceVariable<TFloat32> variable : graph().weightVariables()) {
            paths.add(model.name() + "/" + variable.name());
        }
        return paths;
    }

    /** @return the current learning rate, the graph variable's value */
    public double learningRate() {
        if (compileConfig == null) {
            throw new IllegalStateException("learning rate: the model is not compiled");
        }
        return learningRate.get();
    }

    /** @param value a positive, finite learning rate, used from the next chunk of steps on */
    public void setLearningRate(double value) {
        if (compileConfig == null) {
            throw new IllegalStateException("learning rate: the model is not compiled");
        }
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("learning_rate: expected a positive number, found " + value);
        }
        learningRate.set(value);
    }

    /** @return the optimizer's state (slots, then the step count); empty before training */
    public List<float[]> getOptimizerState() {
        return program == null ? List.of() : graph().read(program.optimizerVariables());
    }

    /** @param state values as {@link #getOptimizerState()} returns them; the model must be compiled */
    public void setOptimizerState(List<float[]> state) {
        if (compileConfig == null) {
            throw new IllegalStateException("You must compile your model before restoring an optimizer state.");
        }
        List<ResourceVariable<TFloat32>> variables = trainingProgram().optimizerVariables();
        if (state.size() != variables.size()) {
            throw new IllegalArgumentException("optimizer state: expected " + variables.size() + " arrays, found " + state.size());
        }
        graph().assign(variables, state);
    }

    /**
     * @return the compiled training loop, built on first need with the optimizer's state: fresh the first time an
     *     optimizer instance trains the model, else as that instance left it
     * @throws IllegalArgumentException when a weight is trainable now that the recompiled optimizer was not built with
     */
    public TrainingProgram trainingProgram() {
        CompileConfig config = requireCompiled();
        if (program == null) {
            List<WeightSpec> trainable = graph().weightSpecs().stream().filter(WeightSpec::trainable).toList();
            if (optimizerMemory != null) {
                optimizerMemory.checkKnown(trainable, this::weightPath);
            }
            program = new TrainingProgram(graph(), config, learningRate, programCount++, trainStep);
            program.resetOptimizer();
            if (optimizerMemory == null) {
                optimizerMemory = new OptimizerMemory(config.optimizer(), program.trainableWeights());
            } else {
                List<float[]> fresh = graph.read(program.optimizerVariables());
                graph.assign(program.optimizerVariables(), optimizerMemory.restore(program.trainableWeights(), fresh));
            }
        }
        return program;
    }

    private String weightPath(WeightSpec weight) {
        List<WeightSpec> specs = graph().weightSpecs();
        List<ResourceVariable<TFloat32>> variables = graph.weightVariables();
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i) == weight) {
                return model.name() + "/" + variables.get(i).name();
            }
        }
        return model.name() + "/" + weight.name();
    }

    /**
     * Builds a training step of the user's own into the model's graph, to run once per batch.
     *
     * @param step the step
     * @param firstY the first batch's targets, which fix each output's target type and shape
     * @return the built step
     */
    public CustomStepProgram customStep(TrainStepGraph.StepFunction step, List<Targets> firstY) {
        return new CustomStepProgram(graph(), compileConfig, learningRate, step, customStepCount++, firstY);
    }

    /** @return the serialized GraphDef of the graph, with the training program when one was built */
    byte[] graphDef() {
        return graph().graph().toGraphDef().toByteArray();
    }

    /** @return the seed of the first weights and the shuffling */
    long seed() {
        return model.seed();
    }

    /** Saves the model through its facade, which picks the format. */
    void save(java.nio.file.Path path, boolean overwrite) {
        model.save(path, overwrite);
    }

    /**
     * Makes the model's graph, when it is made, one worker's of a data-parallel group.
     *
     * @param replication this worker
     */
    public void replicate(Replication replication) {
        if (graph != null) {
            throw new IllegalStateException("the model already runs: set its strategy before it first runs");
        }
        this.replication = replication;
    }

    /** @return false on a data-parallel worker other than the chief */
    boolean isChief() {
        return replication == null || replication.taskIndex() == 0;
    }

    /** @return true when the graph exists (the model has run or its weights were used) */
    public boolean isRunning() {
        return graph != null;
    }

    /** @return the graph, made on first need with the first weights drawn from the seed */
    public ModelGraph graph() {
        if (closed) {
            throw new IllegalStateException("model " + model.name() + " is closed: its graph and weights were freed by close()");
        }
        requireLayers();
        if (graph == null) {
            Network network = model.network();
            ModelGraph created = new ModelGraph(network, model.layers(), model.threadSettings(), model.seed(), replication);
            Random random = new Random(model.seed());
            List<float[]> initial = new ArrayList<>();
            for (WeightSpec spec : network.weightSpecs()) {
                initial.add(spec.initializer().initialize(spec.shape(), random));
            }
            SharedWeights.adopt(created, network.weightSpecs(), initial);
            learningRate.placeIn(created);
            created.useTestStep(testStep);
            graph = created;
        }
        return graph;
    }

    /** @throws IllegalStateException when the model has no layers */
    public void requireLayers() {
        if (!model.isBuilt() || model.network().computingLayers().isEmpty()) {
            throw new IllegalStateException("model " + model.name() + " has no layers: add a layer with an input shape first");
        }
    }

    private void closeGraph() {
        if (batchSteps != null) {
            batchSteps.close();
            batchSteps = null;
        }
        learningRate.leaveGraph();
        graph.close();
        graph = null;
        program = null;
    }

    @Override
    public void close() {
        closed = true;
        if (graph != null) {
            closeGraph();
        }
    }
}
