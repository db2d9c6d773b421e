package io.kerasj.cli;

import io.kerasj.layers.Dense;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.Merge;
import io.kerasj.models.Model;

/**
 * The course's subclassed Wide &amp; Deep model ({@code class WideDeepModel(keras.models.Model)}): its layers are
 * created in the constructor, and {@link #call} concatenates the input (the wide path) with the second hidden layer
 * (the deep path) before the output layer. {@code model.build(new long[]{8})} traces it.
 */
public final class WideDeepModel extends Model {
    /** Units of each hidden layer. */
    static final int UNITS = 30;
    private final Dense hidden1Layer = new Dense(UNITS, "relu");
    private final Dense hidden2Layer = new Dense(UNITS, "relu");
    private final Dense outputLayer = new Dense(1);

    /** The model, named {@code wide_deep_model} as Keras names it; build it before use. */
    public WideDeepModel() {
        super();
    }

    @Override
    protected KerasTensor call(KerasTensor input) {
        KerasTensor hidden1 = hidden1Layer.apply(input);
        KerasTensor hidden2 = hidden2Layer.apply(hidden1);
        KerasTensor concat = Merge.concatenate(input, hidden2);
        return outputLayer.apply(concat);
    }
}
