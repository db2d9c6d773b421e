package io.kerasj.engine;

import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.layers.KerasTensor;
import io.kerasj.metrics.Metric;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.types.family.TType;

/**
 * Keras's {@code train_on_batch} and {@code test_on_batch}: one step on one batch, the metrics reset first (as
 * Keras 3 resets them), the logs of that batch returned by name. A training step is one run of the compiled
 * program's step in a {@link SingleStepProgram} built for the batch's size (the batch fed, the state read and
 * written in the same native call); the first {@value #STATIC_SIZES} sizes get a program each, with static shapes as
 * {@code fit}'s, further sizes share one of any size, so that no sequence of calls grows the graph without bound.
 */
final class BatchSteps implements AutoCloseable {
    static final int STATIC_SIZES = 8;
    private static final int ANY_SIZE = 0;

    private final ModelGraph graph;
    private final CompileConfig config;
    private final LearningRate learningRate;
    private final Map<Integer, SingleStepProgram> steps = new HashMap<>();
    private TrainingProgram stepsProgram;

    BatchSteps(ModelGraph graph, CompileConfig config, LearningRate learningRate) {
        this.graph = graph;
        this.config = config;
        this.learningRate = learningRate;
    }

    /**
     * @param program the compiled training program
     * @param x each input's samples, checked
     * @param y each output's targets, in the program's formats
     * @return the loss and metrics of this batch, by name
     */
    Map<String, Double> train(TrainingProgram program, List<FloatSamples> x, List<Targets> y) {
        int n = y.get(0).count();
        SingleStepProgram.Step step = stepFor(program, n).run(x, y);
        // the loss sum in float32, as fit's loop adds it up, so that the two report the same number
        return logs(Float.isFinite(step.loss()) ? (double) (step.loss() * n) / n : Double.NaN, step.metricSums(), n);
    }

    private SingleStepProgram stepFor(TrainingProgram program, int n) {
        if (program != stepsProgram) {
            close();
            stepsProgram = program;
        }
        SingleStepProgram step = steps.get(n);
        if (step != null) {
            return step;
        }
        int key = steps.size() - (steps.containsKey(ANY_SIZE) ? 1 : 0) < STATIC_SIZES ? n : ANY_SIZE;
        return steps.computeIfAbsent(key, size -> new SingleStepProgram(graph, program, learningRate, size));
    }

    /** Frees the batch tensors the step programs keep; the programs stay in the graph, which frees them. */
    @Override
    public void close() {
        steps.values().forEach(SingleStepProgram::close);
        steps.clear();
        stepsProgram = null;
    }

    /**
     * @param x each input's samples, checked
     * @param y each output's targets, in the compiled formats
     * @return the loss and metrics of this batch, by name
     */
    Map<String, Double> test(List<FloatSamples> x, List<Targets> y) {
        int n = y.get(0).count();
        List<KerasTensor> inputs = graph.network().inputs();
        List<TargetFormat> formats = TargetFormat.of(config, graph.outputShapes());
        List<TType> xs = new ArrayList<>();
        List<TType> ys = new ArrayList<>();
        try {
            for (int i = 0; i < inputs.size(); i++) {
                xs.add(Slices.samples(x.get(i), 0, n, inputs.get(i).shape(), inputs.get(i).dtype()));
            }
            for (int o = 0; o < formats.size(); o++) {
                ys.add(formats.get(o).tensor(y.get(o), 0, n));
            }
            ModelGraph.BatchSums sums = graph.evaluate(config, xs, ys);
            return logs(sums.lossSum() / n, sums.metricSums(), n);
        } finally {
            xs.forEach(TType::close);
            ys.forEach(TType::close);
        }
    }

    private Map<String, Double> logs(double loss, double[][] metricSums, int n) {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", loss);
        List<Metric> metrics = config.metrics();
        List<String> names = config.metricNames();
        for (int m = 0; m < metrics.size(); m++) {
            metrics.get(m).reset();
            metrics.get(m).update(metricSums[m], n);
            logs.put(names.get(m), metrics.get(m).result());
        }
        return logs;
    }
}
