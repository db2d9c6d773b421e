package io.kerasj.cli;

import io.kerasj.KerasJException;
import io.kerasj.data.FiniteValues;
import io.kerasj.data.Npy;
import io.kerasj.data.NpyArray;
import io.kerasj.data.NpyConversions;
import io.kerasj.pipeline.HostArray;
import io.kerasj.pipeline.Pipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code kerasj fit}'s NumPy input: {@code x.npy,y.npy}, or a folder holding {@code y.npy} and {@code x.npy} (a model
 * of one input) or {@code NAME.npy} for each model input NAME; integer targets stay integers (class indices), float
 * ones floats. The arrays are read whole (their headers' sizes checked against the heap by {@link Npy}) and sliced
 * as {@code Dataset.from_tensor_slices((x, y))}.
 */
final class NpyTrainingData {

    private NpyTrainingData() {
    }

    /**
     * @param input an input of kind {@link TrainingInput.Kind#NPY}
     * @param inputNames the model's input names, in order
     * @return one element per sample
     * @throws TrainingInput.Refused when the folder lacks an input's file
     * @throws KerasJException when an array cannot be read, holds a non-finite value or the counts differ
     */
    static Pipeline open(TrainingInput input, List<String> inputNames) {
        List<Path> xFiles = new ArrayList<>();
        Path yFile;
        if (input.folder() == null) {
            if (inputNames.size() != 1) {
                throw new TrainingInput.Refused(input.describe() + ": the model has inputs " + inputNames
                        + ": give a folder holding NAME.npy for each and y.npy");
            }
            xFiles.add(input.files().get(0));
            yFile = input.files().get(1);
        } else {
            Path dir = input.folder();
            yFile = dir.resolve("y.npy");
            if (inputNames.size() == 1 && Files.isRegularFile(dir.resolve("x.npy"))) {
                xFiles.add(dir.resolve("x.npy"));
            } else {
                for (String name : inputNames) {
                    Path x = dir.resolve(name + ".npy");
                    if (!Files.isRegularFile(x)) {
                        throw new TrainingInput.Refused(dir + ": no " + (inputNames.size() == 1 ? "x.npy or " : "") + name
                                + ".npy for the model's input " + name);
                    }
                    xFiles.add(x);
                }
            }
        }
        if (xFiles.size() == 1) {
            return Pipeline.fromNpy(xFiles.get(0), yFile);
        }
        List<HostArray> x = new ArrayList<>();
        for (Path f : xFiles) {
            x.add(samples(f));
        }
        HostArray y = targets(yFile);
        for (int i = 0; i < x.size(); i++) {
            if (x.get(i).shape()[0] != y.shape()[0]) {
                throw new KerasJException(xFiles.get(i) + ": " + x.get(i).shape()[0] + " samples, but " + yFile + " holds "
                        + y.shape()[0] + " targets");
            }
        }
        return Pipeline.fromTensorSlices(x, List.of(y));
    }

    private static HostArray samples(Path file) {
        NpyArray a = Npy.read(file);
        long[] shape = requireBatch(a, file, "samples");
        FiniteValues.check(a, a.elements() / Math.max(1, shape[0]), file.toString());
        return HostArray.ofFloats(a.toFloats(), shape);
    }

    private static HostArray targets(Path file) {
        NpyArray a = Npy.read(file);
        long[] shape = requireBatch(a, file, "targets");
        if (a.dtype().isInteger()) {
            return HostArray.ofInts(NpyConversions.targets(a, 0, file.toString()).intValues(), shape);
        }
        FiniteValues.check(a, a.elements() / Math.max(1, shape[0]), file.toString());
        return HostArray.ofFloats(a.toFloats(), shape);
    }

    private static long[] requireBatch(NpyArray a, Path file, String what) {
        long[] shape = a.shape();
        if (shape.length == 0 || shape[0] == 0) {
            throw new KerasJException(file + ": expected " + what + " along the first axis, found an array of shape "
                    + Arrays.toString(shape));
        }
        return shape;
    }
}
