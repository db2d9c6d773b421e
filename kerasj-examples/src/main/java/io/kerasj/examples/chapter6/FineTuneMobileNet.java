package io.kerasj.examples.chapter6;

import io.kerasj.applications.MobileNetV2;
import io.kerasj.callbacks.History;
import io.kerasj.datasets.FashionMnist;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Dropout;
import io.kerasj.layers.Input;
import io.kerasj.layers.KerasTensor;
import io.kerasj.layers.RandomFlip;
import io.kerasj.layers.RandomRotation;
import io.kerasj.layers.Rescaling;
import io.kerasj.models.CompileOptions;
import io.kerasj.models.FitOptions;
import io.kerasj.models.Model;
import io.kerasj.optimizers.Adam;
import io.kerasj.pipeline.images.ImageDataset;
import io.kerasj.pipeline.images.ImageDatasetOptions;
import io.kerasj.pipeline.images.ImageDatasets;
import java.nio.file.Path;
import java.util.List;

/**
 * The second transfer example, Keras's "transfer learning and fine-tuning" guide on data these machines
 * have: a small MobileNetV2 ({@code alpha=0.35}, 96x96 RGB, built in Java; {@code weights=None}, as Keras's ImageNet
 * weights cannot be downloaded here) under a new classifier, trained on an image folder written from Fashion-MNIST
 * and read with {@code image_dataset_from_directory}, with augmentation layers (active in training only); the base
 * frozen for the first epochs, then unfrozen and the whole model recompiled with a 10x lower learning rate:
 * <pre>{@code
 * base = keras.applications.MobileNetV2(input_shape=(96, 96, 3), alpha=0.35, include_top=False, weights=None, pooling="avg")
 * base.trainable = False
 * x = RandomFlip("horizontal")(inputs); x = RandomRotation(0.05)(x); x = Rescaling(1 / 127.5, offset=-1)(x)
 * outputs = Dense(n, activation="softmax")(Dropout(0.2)(base(x)))
 * model.compile(Adam(1e-3), "sparse_categorical_crossentropy", ["accuracy"]); model.fit(train, epochs=1, validation_data=valid)
 * base.trainable = True
 * model.compile(Adam(1e-4), ...); model.fit(train, epochs=1, validation_data=valid)
 * }</pre>
 *
 * <p>Without ImageNet weights the frozen base is a random feature extractor, and one unfrozen epoch leaves the
 * BatchNormalization moving statistics (momentum 0.999) near their initial values, which validation uses: a run of
 * {@link Settings#example()} (4 classes, 240 training images) ends near chance (val_accuracy 0.25 after each phase). The
 * example shows the workflow; with Keras's ImageNet file in {@code ~/.keras/models}, {@code weights("imagenet")} makes it
 * a real transfer.
 */
public final class FineTuneMobileNet {
    private FineTuneMobileNet() {
    }

    /**
     * @param classes the Fashion-MNIST labels to tell apart
     * @param imagesPerClass the images written per class
     * @param imageSize the network's input size (the 28x28 images are upscaled to it; at least 32)
     * @param batchSize the batch size
     * @param frozenEpochs epochs with the base frozen
     * @param fineTuneEpochs epochs with it unfrozen
     * @param seed the seed of the weights, the split, the shuffles and the augmentation
     */
    public record Settings(List<Integer> classes, int imagesPerClass, int imageSize, int batchSize, int frozenEpochs,
                           int fineTuneEpochs, long seed) {
        /** @return the example's: T-shirt/top, Trouser, Sneaker, Ankle boot; 75 images each; 96x96; 1 + 1 epochs */
        public static Settings example() {
            return new Settings(List.of(0, 1, 7, 9), 75, 96, 32, 1, 1, 42);
        }
    }

    /**
     * @param classNames the classes, in the folder's (sorted) order
     * @param trainableWhenFrozen the trainable parameters while the base is frozen (the classifier's)
     * @param trainableWhenUnfrozen the trainable parameters after unfreezing
     * @param frozen the History of the frozen epochs
     * @param fineTuned the History of the fine-tuning epochs
     */
    public record Result(List<String> classNames, long trainableWhenFrozen, long trainableWhenUnfrozen, History frozen, History fineTuned) {
    }

    /**
     * Builds the model on a base it is given, trains it frozen then unfrozen on the folder's images (80% / 20%).
     *
     * @param folder an image folder, one subfolder per class
     * @param settings the run's settings
     * @param verbose Keras's verbose for fit
     * @return the classes, parameter counts and both Histories
     */
    public static Result run(Path folder, Settings settings, int verbose) {
        List<ImageDataset> data = ImageDatasets.imageDatasetsFromDirectory(folder, ImageDatasetOptions.defaults()
                .imageSize(settings.imageSize(), settings.imageSize()).batchSize(settings.batchSize())
                .validationSplit(0.2).subset("both").seed(settings.seed()));
        ImageDataset train = data.get(0);
        ImageDataset valid = data.get(1);
        int size = settings.imageSize();
        try (Model base = MobileNetV2.builder().inputShape(size, size, 3).alpha(0.35).includeTop(false).weights(null).pooling("avg").build()) {
            Input inputs = new Input(size, size, 3);
            KerasTensor x = new RandomFlip("horizontal", settings.seed()).apply(inputs);
            x = new RandomRotation(-0.05, 0.05, "reflect", "bilinear", 0.0, settings.seed()).apply(x);
            x = new Rescaling(1 / 127.5, -1).apply(x);
            x = base.apply(x);
            x = new Dropout(0.2).apply(x);
            KerasTensor outputs = new Dense(train.classNames().size(), "softmax").apply(x);
            try (Model model = new Model(inputs, outputs).seed(settings.seed())) {
                base.trainable(false);
                model.compile(CompileOptions.defaults().optimizer(new Adam(1e-3)).loss("sparse_categorical_crossentropy").metrics("accuracy"));
                long frozenTrainable = trainableParams(model);
                History frozen = model.fit(train, FitOptions.defaults().epochs(settings.frozenEpochs()).validationData(valid).verbose(verbose));
                base.trainable(true);
                model.compile(CompileOptions.defaults().optimizer(new Adam(1e-4)).loss("sparse_categorical_crossentropy").metrics("accuracy"));
                long unfrozenTrainable = trainableParams(model);
                History fineTuned = model.fit(train, FitOptions.defaults().epochs(settings.fineTuneEpochs()).validationData(valid).verbose(verbose));
                return new Result(train.classNames(), frozenTrainable, unfrozenTrainable, frozen, fineTuned);
            }
        }
    }

    static long trainableParams(Model model) {
        return model.weightSpecs().stream().filter(w -> w.trainable())
                .mapToLong(w -> java.util.Arrays.stream(w.shape()).reduce(1, Math::multiplyExact)).sum();
    }

    /**
     * Writes the image folder from Fashion-MNIST's training images, then fine-tunes on it and prints the accuracies.
     *
     * @param args the folder to write the images to (new or empty), then optionally Fashion-MNIST's folder
     */
    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: FineTuneMobileNet IMAGE_FOLDER [FASHION_MNIST_FOLDER]");
            System.exit(2);
        }
        Settings settings = Settings.example();
        var images = FashionMnist.withDefaults(args.length > 1 ? Path.of(args[1]) : null).loadData().train();
        Path folder = FashionImageFolder.write(images, settings.classes(), settings.imagesPerClass(), Path.of(args[0]));
        Result result = run(folder, settings, 2);
        System.out.println("classes " + result.classNames() + "; trainable parameters frozen " + result.trainableWhenFrozen()
                + ", unfrozen " + result.trainableWhenUnfrozen());
        System.out.println("val_accuracy frozen " + last(result.frozen(), "val_accuracy") + ", fine-tuned " + last(result.fineTuned(), "val_accuracy"));
    }

    static double last(History history, String key) {
        List<Double> values = history.history().get(key);
        return values.get(values.size() - 1);
    }
}
