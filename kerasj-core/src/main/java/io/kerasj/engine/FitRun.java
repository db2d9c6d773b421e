package io.kerasj.engine;

import io.kerasj.models.Model;

import io.kerasj.callbacks.TrainingModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one {@code fit}: the stop and interrupt requests and where a non-finite loss ended it. It is what
 * the callbacks see as the model ({@link TrainingModel}); weights and the learning rate go to the model itself.
 */
public final class FitRun implements TrainingModel {
    private final Model model;
    private volatile boolean stopTraining;
    private volatile boolean interrupted;
    private volatile int[] nanStop;
    private Integer initialEpoch;
    private io.kerasj.callbacks.History history;

    public FitRun(Model model) {
        this.model = model;
    }

    /** Asks {@code fit} to stop after the current chunk of steps (Keras 3 checks after each step). */
    @Override
    public void stopTraining() {
        stopTraining = true;
    }

    /** @return true once a callback or an interrupt asked training to stop */
    public boolean stopRequested() {
        return stopTraining;
    }

    /** Stops after the current chunk without finishing the epoch (Ctrl-C). */
    public void interrupt() {
        interrupted = true;
        stopTraining = true;
    }

    /** @return true when this run was interrupted */
    @Override
    public boolean interrupted() {
        return interrupted;
    }

    void markTerminatedOnNaN(int epoch, int batch) {
        nanStop = new int[] {epoch, batch};
    }

    /** @return {epoch, batch} where a non-finite loss ended the run, or null */
    public int[] terminatedOnNaN() {
        return nanStop == null ? null : nanStop.clone();
    }

    @Override
    public Long seed() {
        return model.seed();
    }

    @Override
    public List<float[]> getWeights() {
        return model.getWeights();
    }

    @Override
    public void setWeights(List<float[]> weights) {
        model.setWeights(weights);
    }

    @Override
    public double learningRate() {
        return model.learningRate();
    }

    @Override
    public void setLearningRate(double learningRate) {
        model.setLearningRate(learningRate);
    }

    @Override
    public List<String> weightPaths() {
        List<String> paths = new ArrayList<>();
        for (io.kerasj.layers.Layer layer : model.layers()) {
            for (io.kerasj.layers.WeightSpec spec : layer.weightSpecs()) {
                paths.add(model.name() + "/" + layer.name() + "/" + spec.name());
            }
        }
        return paths;
    }

    @Override
    public byte[] trainingGraphDef() {
        return model.graph().graph().toGraphDef().toByteArray();
    }

    @Override
    public List<float[]> getOptimizerState() {
        return model.getOptimizerState();
    }

    @Override
    public void setOptimizerState(List<float[]> state) {
        model.setOptimizerState(state);
    }

    @Override
    public void save(Path dir) {
        boolean replace = java.nio.file.Files.exists(dir);
        if (replace && !writtenByKerasJ(dir)) {
            throw new io.kerasj.KerasJException(dir + ": exists and is not a SavedModel KerasJ wrote; not replacing it");
        }
        model.save(dir, replace);
    }

    /** True for a SavedModel directory whose MetaGraphDef names KerasJ as its writer (as KerasJ's SavedModel export records). */
    static boolean writtenByKerasJ(Path dir) {
        Path pb = dir.resolve("saved_model.pb");
        if (!java.nio.file.Files.isRegularFile(pb)) {
            return false;
        }
        try {
            org.tensorflow.proto.SavedModel saved = org.tensorflow.proto.SavedModel.parseFrom(java.nio.file.Files.readAllBytes(pb));
            return saved.getMetaGraphsCount() > 0 && saved.getMetaGraphsList().stream()
                    .allMatch(m -> "KerasJ".equals(m.getMetaInfoDef().getTensorflowGitVersion()));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Override
    public void setInitialEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("initial_epoch: expected a number >= 0, found " + epoch);
        }
        initialEpoch = epoch;
    }

    /** @return the epoch a callback asked to start at, else {@code requested} */
    int initialEpoch(int requested) {
        return initialEpoch != null ? initialEpoch : requested;
    }

    void history(io.kerasj.callbacks.History history) {
        this.history = history;
    }

    @Override
    public io.kerasj.callbacks.History history() {
        return history;
    }
}
