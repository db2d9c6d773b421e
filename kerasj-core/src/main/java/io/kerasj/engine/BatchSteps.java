package io.kerasj.engine;

import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.layers.KerasTensor;
import io.kerasj.metrics.Metric;
import io.kerasj.runtime.Tensors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TType;

/**
 * Keras's {@code train_on_batch} and {@code test_on_batch}: one step on one batch, the metrics reset first (as
 * Keras 3 resets them), the logs of that batch returned by name. A training step is one run of the compiled
 * program's loop, built for the batch's size, on the batch uploaded into its data variables.
 */
final class BatchSteps {
    private final ModelGraph graph;
    private final CompileConfig config;
    private int[] order = new int[0];

    BatchSteps(ModelGraph graph, CompileConfig config) {
        this.graph = graph;
        this.config = config;
    }

    /**
     * @param program the compiled training program
     * @param x each input's samples, checked
     * @param y each output's targets, in the program's formats
     * @return the loss and metrics of this batch, by name
     */
    Map<String, Double> train(TrainingProgram program, List<FloatSamples> x, List<Targets> y) {
        int n = y.get(0).count();
        program.upload(x, y);
        TrainingProgram.Chunk chunk;
        try (TInt32 identity = Tensors.ints(identity(n), n)) {
            chunk = program.run(identity, 0, 1, n);
        }
        return logs(chunk.finite() ? chunk.lossSum() / n : Double.NaN, chunk.metricSums(), n);
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

    private int[] identity(int n) {
        if (order.length != n) {
            order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
        }
        return order;
    }
}
