package io.kerasj.engine;

import io.kerasj.layers.LayerOutput;
import io.kerasj.runtime.Tensors;
import io.kerasj.metrics.MeanMetric;
import io.kerasj.metrics.Metric;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/**
 * The in-graph numbers of one batch: the per-sample loss, and each metric's sums (the Java-side {@link Metric}
 * keeps the running state).
 *
 * @param perSampleLoss the loss of each sample, {@code [batch]}
 * @param metricSums each metric's sums over the batch, {@code [stateSize]}, in the compiled order
 */
record BatchStatistics(Operand<TFloat32> perSampleLoss, List<Operand<TFloat32>> metricSums) {

    static BatchStatistics of(Ops tf, CompileConfig config, Forward forward, List<? extends Operand<? extends TNumber>> targets) {
        return of(tf, config, forward.predictions(), targets);
    }

    static BatchStatistics of(Ops tf, CompileConfig config, List<LayerOutput> predictions, List<? extends Operand<? extends TNumber>> targets) {
        Operand<TFloat32> loss = perSampleLoss(tf, config, predictions, targets);
        return new BatchStatistics(loss, metricSums(tf, config, predictions, targets));
    }

    /** @return each sample's loss: every output's compiled loss times its loss weight, summed */
    static Operand<TFloat32> perSampleLoss(Ops tf, CompileConfig config, List<LayerOutput> predictions,
                                           List<? extends Operand<? extends TNumber>> targets) {
        List<CompileConfig.OutputConfig> outputs = config.outputs();
        Operand<TFloat32> loss = null;
        for (int o = 0; o < outputs.size(); o++) {
            Operand<TFloat32> perSample = MeanMetric.perSample(tf, outputs.get(o).loss().call(tf, targets.get(o), predictions.get(o)));
            if (outputs.get(o).lossWeight() != null) {
                perSample = tf.math.mul(perSample, tf.constant(outputs.get(o).lossWeight().floatValue()));
            }
            loss = loss == null ? perSample : tf.math.add(loss, perSample);
        }
        return loss;
    }

    /** @return each compiled metric's sums over the batch */
    static List<Operand<TFloat32>> metricSums(Ops tf, CompileConfig config, List<LayerOutput> predictions,
                                             List<? extends Operand<? extends TNumber>> targets) {
        List<Operand<TFloat32>> sums = new ArrayList<>();
        for (CompileConfig.LogMetric metric : config.logMetrics()) {
            sums.add(metric.metric().batchSums(tf, targets.get(metric.output()), predictions.get(metric.output())));
        }
        return sums;
    }

    /** @return a fetched vector of sums, widened to double */
    static double[] doubles(TFloat32 sums) {
        float[] values = Tensors.toFloats(sums);
        double[] wide = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            wide[i] = values[i];
        }
        return wide;
    }
}
