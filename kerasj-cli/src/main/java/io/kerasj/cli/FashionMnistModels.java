package io.kerasj.cli;

import io.kerasj.data.Dataset;
import io.kerasj.data.FloatSamples;
import io.kerasj.layers.AlphaDropout;
import io.kerasj.layers.BatchNormalization;
import io.kerasj.layers.Conv2D;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Flatten;
import io.kerasj.layers.Input;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.Layer;
import io.kerasj.layers.Rescaling;
import io.kerasj.layers.MaxPooling2D;
import io.kerasj.layers.Normalization;
import io.kerasj.models.CompileOptions;
import io.kerasj.models.Sequential;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The models of the Keras Fashion-MNIST classification series, each compiled as its notebook does, with sparse
 * categorical cross-entropy and accuracy: the seed notebook's MLP, the same after a Normalization layer, a deep
 * network of 20 Dense layers, the same with BatchNormalization, a self-normalizing one (SELU, LeCun-normal,
 * AlphaDropout) and a small convolutional network.
 */
public enum FashionMnistModels {
    /** Flatten(28, 28) → Dense(300, relu) → Dense(100, relu) → Dense(10, softmax); SGD. The seed notebook. */
    MLP("mlp", "the seed notebook: Flatten -> Dense(300, relu) -> Dense(100, relu) -> Dense(10, softmax), SGD"),
    /** The MLP after a Normalization layer adapted on the training images (per pixel); SGD. */
    NORMALIZED("normalized", "the mlp after Normalization adapted on x_train (per pixel), SGD"),
    /** Flatten → 20 × Dense(100, relu) → Dense(10, softmax); SGD. */
    DNN("dnn", "Flatten -> 20 x Dense(100, relu) -> Dense(10, softmax), SGD"),
    /** Flatten → BatchNormalization → 20 × (Dense(100, relu) → BatchNormalization) → Dense(10, softmax); SGD. */
    DNN_BN("dnn-bn", "Flatten -> BatchNormalization -> 20 x [Dense(100, relu), BatchNormalization] -> Dense(10, softmax), SGD"),
    /** Flatten → 20 × Dense(100, selu, lecun_normal) → AlphaDropout(0.1) → Dense(10, softmax); SGD. */
    DNN_SELU("dnn-selu", "Flatten -> 20 x Dense(100, selu, lecun_normal) -> AlphaDropout(0.1) -> Dense(10, softmax), SGD"),
    /** Conv2D(32, 3, same, relu) → MaxPooling2D(2) → Conv2D(64, 3, same, relu) → MaxPooling2D(2) → Flatten → Dense(128, relu) → Dense(10, softmax); Adam. */
    CNN("cnn", "Conv2D(32, 3, same, relu) -> MaxPooling2D -> Conv2D(64, 3, same, relu) -> MaxPooling2D -> Flatten "
            + "-> Dense(128, relu) -> Dense(10, softmax), Adam");

    /** Dense layers of the deep variants. */
    static final int DEPTH = 20;
    private final String id;
    private final String description;

    FashionMnistModels(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** @return the name {@code kerasj notebook --model} takes, e.g. {@code dnn-bn} */
    public String id() {
        return id;
    }

    /** @return one line on the model */
    public String description() {
        return description;
    }

    /**
     * @param id a model name, e.g. {@code cnn}
     * @return the model
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static FashionMnistModels of(String id) {
        for (FashionMnistModels m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("--model: expected one of " + names() + ", found '" + id + "'");
    }

    /** @return the names, comma-separated */
    public static String names() {
        return Arrays.stream(values()).map(FashionMnistModels::id).collect(Collectors.joining(", "));
    }

    /** @return true when {@link #build} needs the training images (to adapt a Normalization layer) */
    public boolean adaptsOnTrainingData() {
        return this == NORMALIZED;
    }

    /**
     * The data as this model takes it: the CNN takes images with a channel axis, {@code (28, 28, 1)}; the others
     * {@code (28, 28)}.
     *
     * @param data Fashion-MNIST images
     * @return the same data, shaped for the model
     */
    public Dataset shape(Dataset data) {
        return this == CNN ? data.withChannelAxis() : data;
    }

    /**
     * @param seed the seed of the first weights, the shuffling and the dropout masks
     * @param xTrain the scaled training images, for {@link #adaptsOnTrainingData()} models; else may be null
     * @return the model, compiled as its notebook
     */
    public Sequential build(long seed, FloatSamples xTrain) {
        Sequential model = new Sequential(seed);
        if (this == CNN) {
            model.add(new Input(28, 28, 1));
        }
        layers(xTrain).forEach(model::add);
        model.compile(compileOptions());
        return model;
    }

    /**
     * The same model as {@link #build} for raw pixels: an {@code Input} and {@code Rescaling(1/255)} first, so uint8
     * images stream in as uint8 and the graph casts and scales them ({@code kerasj bench --stream}).
     *
     * @param seed the seed of the first weights, the shuffling and the dropout masks
     * @return the model, compiled as its notebook
     * @throws IllegalArgumentException for a model that adapts on the training data
     */
    public Sequential buildOnPixels(long seed) {
        if (adaptsOnTrainingData()) {
            throw new IllegalArgumentException(id + ": adapts on scaled training images; expected another model");
        }
        Sequential model = new Sequential(seed);
        model.add(this == CNN ? new Input(28, 28, 1) : new Input(28, 28));
        model.add(new Rescaling(1.0 / 255));
        layers(null).forEach(model::add);
        model.compile(compileOptions());
        return model;
    }

    /**
     * The same model as {@link #build}, layer for layer, as a functional {@link OwnTrainStepModel}: its
     * {@code trainStep} is Keras's default step written out by hand, which {@code fit} traces into its in-graph loop.
     * With the same seed it trains exactly as the built-in step (the layers take the same positions, hence seeds).
     *
     * @param seed the seed of the first weights, the shuffling and the dropout masks
     * @param xTrain the scaled training images, for {@link #adaptsOnTrainingData()} models; else may be null
     * @return the model, compiled as its notebook
     */
    public OwnTrainStepModel buildWithOwnTrainStep(long seed, FloatSamples xTrain) {
        Input input = this == CNN ? new Input(28, 28, 1) : new Input(28, 28);
        KerasTensor output = input;
        for (Layer layer : layers(xTrain)) {
            output = layer.apply(output);
        }
        OwnTrainStepModel model = new OwnTrainStepModel(input, output);
        model.seed(seed);
        model.compile(compileOptions());
        return model;
    }

    /** The notebook's compile: sparse categorical cross-entropy and accuracy, Adam for the CNN, else SGD. */
    private CompileOptions compileOptions() {
        return CompileOptions.defaults().optimizer(this == CNN ? "adam" : "sgd").loss("sparse_categorical_crossentropy").metrics("accuracy");
    }

    /** The model's layers in order, new ones on each call (after the CNN's Input). */
    private List<Layer> layers(FloatSamples xTrain) {
        List<Layer> model = new ArrayList<>();
        switch (this) {
            case MLP -> {
                model.add(new Flatten(28, 28));
                model.add(new Dense(300, "relu"));
                model.add(new Dense(100, "relu"));
                model.add(new Dense(10, "softmax"));
            }
            case NORMALIZED -> {
                if (xTrain == null) {
                    throw new IllegalArgumentException("xTrain: expected the training images to adapt the Normalization layer on, found null");
                }
                model.add(new Flatten(28, 28));
                model.add(new Normalization().adapt(xTrain.reshape(xTrain.sampleSize())));
                model.add(new Dense(300, "relu"));
                model.add(new Dense(100, "relu"));
                model.add(new Dense(10, "softmax"));
            }
            case DNN, DNN_BN -> {
                model.add(new Flatten(28, 28));
                if (this == DNN_BN) {
                    model.add(new BatchNormalization());
                }
                for (int i = 0; i < DEPTH; i++) {
                    model.add(new Dense(100, "relu"));
                    if (this == DNN_BN) {
                        model.add(new BatchNormalization());
                    }
                }
                model.add(new Dense(10, "softmax"));
            }
            case DNN_SELU -> {
                model.add(new Flatten(28, 28));
                for (int i = 0; i < DEPTH; i++) {
                    model.add(new Dense(100, "selu").kernelInitializer("lecun_normal"));
                }
                model.add(new AlphaDropout(0.1));
                model.add(new Dense(10, "softmax"));
            }
            case CNN -> {
                model.add(new Conv2D(32, 3).padding("same").activation("relu"));
                model.add(new MaxPooling2D(2));
                model.add(new Conv2D(64, 3).padding("same").activation("relu"));
                model.add(new MaxPooling2D(2));
                model.add(new Flatten());
                model.add(new Dense(128, "relu"));
                model.add(new Dense(10, "softmax"));
            }
        }
        return model;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%-10s %s", id, description);
    }
}
