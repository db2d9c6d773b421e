package io.kerasj.cli;

import io.kerasj.models.Model;
import io.kerasj.pipeline.Pipeline;
import io.kerasj.pipeline.images.ImageDatasetOptions;
import io.kerasj.pipeline.images.ImageDatasets;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * {@code kerasj fit}'s image folders, read as Keras's {@code image_dataset_from_directory(dir, image_size=...,
 * color_mode=..., label_mode=..., batch_size=None)}: one subfolder per class, classes in alphanumeric order; images
 * float32 {@code [H, W, C]} with pixels 0..255 as Keras gives them (the model rescales, e.g. with a {@code Rescaling}
 * layer), resized to {@code --image-size} or the model's input height and width; the colour mode from the model's
 * channels (1 grayscale, 3 rgb, 4 rgba); the label mode from the compiled loss ({@code int} for class indices,
 * {@code binary} for one output unit, else {@code categorical}). Training images are shuffled each pass by the source
 * itself, as Keras's.
 */
final class ImageFolderTrainingData {

    private ImageFolderTrainingData() {
    }

    /**
     * @param input an input of kind {@link TrainingInput.Kind#IMAGES}
     * @param model the compiled model (its input shape, output shape and loss)
     * @param imageSize {height, width}, or null for the model's
     * @param shuffleSeed the seed of the per-pass shuffle, or null to read the images in order
     * @param out where "Found N files belonging to K classes." goes
     * @return one element per image, shuffled each pass when asked
     * @throws TrainingInput.Refused when the model does not take images of one known channel count
     */
    static Pipeline open(TrainingInput input, Model model, int[] imageSize, Long shuffleSeed, PrintStream out) {
        if (model.inputNames().size() != 1 || model.outputNames().size() != 1) {
            throw new TrainingInput.Refused(input.describe() + ": image folders train a model of one input and one output; the model has inputs "
                    + model.inputNames() + " and outputs " + model.outputNames());
        }
        long[] shape = model.inputShape();
        if (shape.length != 3 || shape[2] < 1 || shape[2] == 2 || shape[2] > 4) {
            throw new TrainingInput.Refused(input.describe() + ": image folders need a model taking images [H, W, C] of 1, 3 or 4 channels; "
                    + "the model takes " + Arrays.toString(shape));
        }
        int height = imageSize != null ? imageSize[0] : (int) shape[0];
        int width = imageSize != null ? imageSize[1] : (int) shape[1];
        if (height < 1 || width < 1) {
            throw new TrainingInput.Refused(input.describe() + ": the model takes images of any size: give --image-size H,W");
        }
        String colorMode = shape[2] == 1 ? "grayscale" : shape[2] == 3 ? "rgb" : "rgba";
        long[] output = model.outputShape();
        String labelMode = model.compileConfig().outputs().get(0).loss().takesClassIndices() ? "int"
                : output[output.length - 1] == 1 ? "binary" : "categorical";
        ImageDatasetOptions options = ImageDatasetOptions.defaults().imageSize(height, width).colorMode(colorMode)
                .labelMode(labelMode).batchSize(null).shuffle(shuffleSeed != null).out(out);
        if (shuffleSeed != null) {
            options.seed(shuffleSeed & 0xFFFF_FFFFL);
        }
        try {
            return ImageDatasets.imageDatasetFromDirectory(input.folder(), options);
        } catch (IllegalArgumentException e) {
            throw new TrainingInput.Refused(input.describe() + ": " + e.getMessage());
        }
    }
}
