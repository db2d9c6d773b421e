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
public class TestStep {
    final TrainStepGraph graph;

    TestStep(TrainStepGraph graph) {
        this.graph = graph;
    }

    /** @return TensorFlow's ops, to write the step's own computations */
    public Ops tf() {
        return graph.tf();
    }

    /** @return the batch of each input, in the model's input order (integer inputs stay integers) */
    public List<Operand<? extends TNumber>> x() {
        return graph.x();
    }

    /** @return the batch of each output's targets: class indices as int32, otherwise float32 shaped like the output */
    public List<Operand<? extends TNumber>> y() {
        return graph.y();
    }

    /**
     * Keras's {@code self(x, training=training)}: the model's forward pass on the current weights (Keras's test step
     * passes {@code training=false}).
     *
     * @param x a batch of each input
     * @param training whether training-only behaviour (dropout, batch statistics) is on; in training the layers'
     *     own state (BatchNormalization's moving statistics) is updated
     * @return each output, with its logits where the activation can be split off
     */
    public List<LayerOutput> call(List<? extends Operand<? extends TNumber>> x, boolean training) {
        return graph.call(x, training);
    }

    /**
     * Calls one of the model's layers or nested models (a GAN's generator or discriminator) on the current weights.
     *
     * @param layer a layer or model whose weights are the model's
     * @param inputs its inputs
     * @param training whether training-only behaviour is on
     * @return its outputs
     */
    public List<LayerOutput> call(Layer layer, List<? extends Operand<? extends TNumber>> inputs, boolean training) {
        return graph.call(layer, inputs, training);
    }

    /**
     * A layer or nested model of one input and one output.
     *
     * @see #call(Layer, List, boolean)
     */
    public LayerOutput call(Layer layer, Operand<? extends TNumber> input, boolean training) {
        return single(graph.call(layer, List.of(input), training));
    }

    private static LayerOutput single(List<LayerOutput> outputs) {
        if (outputs.size() != 1) {
            throw new IllegalArgumentException("expected one output, found " + outputs.size());
        }
        return outputs.get(0);
    }

    /**
     * Keras 3's {@code compute_loss(x, y, y_pred)}: each output's compiled loss times its loss weight, summed and
     * averaged over the batch.
     *
     * @param x the inputs (unused, as in Keras's default)
     * @param y each output's targets
     * @param yPred each output's prediction
     * @return the scalar loss
     */
    public Operand<TFloat32> computeLoss(List<? extends Operand<? extends TNumber>> x, List<? extends Operand<? extends TNumber>> y,
                                         List<LayerOutput> yPred) {
        return graph.computeLoss(y, yPred);
    }

    /**
     * Updates the compiled metrics with a batch (Keras 3's {@code compute_metrics}); {@code fit} reports them.
     *
     * @param y each output's targets
     * @param yPred each output's prediction
     */
    public void updateMetrics(List<? extends Operand<? extends TNumber>> y, List<LayerOutput> yPred) {
        graph.updateMetrics(y, yPred);
    }
}
