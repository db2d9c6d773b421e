package io.kerasj.models;

import io.kerasj.engine.TrainStepGraph;
import io.kerasj.layers.Layer;
import io.kerasj.layers.LayerOutput;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/**
 * The means of an evaluation step of one's own, Keras 3's {@code test_step}: the batch, the model's forward pass,
 * the compiled loss and metrics. {@code evaluate} and the validation of {@code fit} run it on each batch.
 *
 * <p>Keras's default, written with these calls:
 * <pre>{@code
 * protected StepLogs testStep(TestStep step) {
 *     List<LayerOutput> yPred = step.call(step.x(), false);
 *     Operand<TFloat32> loss = step.computeLoss(step.x(), step.y(), yPred);
 *     step.updateMetrics(step.y(), yPred);
 *     return StepLogs.of(loss);
 * }
 * }</pre>
 */
public final class TestStep {
    private final TrainStepGraph graph;

    TestStep(TrainStepGraph graph) {
        this.graph = graph;
    }

    /** @return TensorFlow's ops, to write the step's own computations */
    public Ops tf() {
        return graph.tf();
    }

    /** @return the batch of each input, in the model's input order */
    public List<Operand<? extends TNumber>> x() {
        return graph.x();
    }

    /** @return the batch of each output's targets, in the compiled form */
    public List<Operand<? extends TNumber>> y() {
        return graph.y();
    }

    /**
     * @param x a batch of each input
     * @param training whether training-only behaviour is on (Keras's test step passes false)
     * @return each output
     */
    public List<LayerOutput> call(List<? extends Operand<? extends TNumber>> x, boolean training) {
        return graph.call(x, training);
    }

    /**
     * @param layer a layer or nested model of this model
     * @param inputs its inputs
     * @param training whether training-only behaviour is on
     * @return its outputs
     */
    public List<LayerOutput> call(Layer layer, List<? extends Operand<? extends TNumber>> inputs, boolean training) {
        return graph.call(layer, inputs, training);
    }

    /**
     * Keras 3's {@code compute_loss(x, y, y_pred)}.
     *
     * @return the batch's mean loss
     */
    public Operand<TFloat32> computeLoss(List<? extends Operand<? extends TNumber>> x, List<? extends Operand<? extends TNumber>> y,
                                         List<LayerOutput> yPred) {
        return graph.computeLoss(y, yPred);
    }

    /** Updates the compiled metrics with a batch (Keras 3's {@code compute_metrics}). */
    public void updateMetrics(List<? extends Operand<? extends TNumber>> y, List<LayerOutput> yPred) {
        graph.updateMetrics(y, yPred);
    }
}
