package io.kerasj.cli;

import io.kerasj.models.FitOptions;
import io.kerasj.models.Model;
import io.kerasj.models.ValidationData;
import io.kerasj.pipeline.Pipeline;

/**
 * How {@code kerasj fit} turns a {@link TrainingInput} into a {@link Pipeline} for the model, and runs {@code fit}
 * on it. Until {@code Model.fit(Pipeline, FitOptions)} exists the pipelines are gathered into arrays for the array
 * form of {@code fit} (shuffled per epoch by the model's seed).
 */
final class PipelineFit {

    private PipelineFit() {
    }

    /** @return whether {@code kerasj fit} reads this kind of data yet */
    static boolean reads(TrainingInput.Kind kind) {
        return kind == TrainingInput.Kind.NPY || kind == TrainingInput.Kind.CSV;
    }

    /** @return whether {@code --steps-per-epoch} is supported yet */
    static boolean takesStepsPerEpoch() {
        return false;
    }

    /**
     * @param input the data's path, checked
     * @param model the loaded, compiled model (its input names, its loss)
     * @param label the {@code --label} option, or null
     * @return a pipeline of unbatched {@code (x, y)} elements
     * @throws TrainingInput.Refused when the data does not fit the model's inputs or the options (a usage error)
     */
    static Pipeline open(TrainingInput input, Model model, String label) {
        return switch (input.kind()) {
            case NPY -> NpyTrainingData.open(input, model.inputNames());
            case CSV -> CsvTrainingData.open(input, label, takesClassIndices(model));
            default -> throw new TrainingInput.Refused(input.describe() + ": " + input.kind().description() + " input is not supported yet");
        };
    }

    /**
     * Runs {@code fit}.
     *
     * @param model the compiled model
     * @param train unbatched training elements
     * @param trainSource the training data's path, for messages
     * @param validation unbatched validation elements, or null
     * @param validationSource the validation data's path, for messages
     * @param options epochs, batch size, shuffle, output, history
     * @param stepsPerEpoch steps per epoch, or null for one pass
     */
    static void fit(Model model, Pipeline train, String trainSource, Pipeline validation, String validationSource,
            FitOptions options, Integer stepsPerEpoch) {
        PipelineArrays t = PipelineArrays.gather(train, trainSource);
        if (validation != null) {
            PipelineArrays v = PipelineArrays.gather(validation, validationSource);
            options.validation(ValidationData.of(v.x(), v.y()));
        }
        model.fit(t.x(), t.y(), options);
    }

    private static boolean takesClassIndices(Model model) {
        return model.compileConfig().outputs().get(0).loss().takesClassIndices();
    }
}
