package io.kerasj.engine;

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

    static BatchStatistics of(Ops tf, CompileConfig config, Forward forward, Operand<? extends TNumber> targets) {
        Operand<TFloat32> loss = MeanMetric.perSample(tf, config.loss().call(tf, targets, forward.prediction()));
        List<Operand<TFloat32>> sums = new ArrayList<>();
        for (Metric metric : config.metrics()) {
            sums.add(metric.batchSums(tf, targets, forward.prediction()));
        }
        return new BatchStatistics(loss, sums);
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
