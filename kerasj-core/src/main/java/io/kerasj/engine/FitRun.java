package io.kerasj.engine;

import io.kerasj.KerasJException;
import io.kerasj.callbacks.History;
import io.kerasj.callbacks.TrainingModel;
import io.kerasj.io.OutputKind;
import io.kerasj.io.OwnedOutputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One {@code fit} as its callbacks see the model ({@link TrainingModel}): the stop and interrupt requests, where a
 * non-finite loss ended it, the epoch to start at and the History; the weights, the learning rate and the optimizer
 * state are the {@link ModelRuntime}'s.
 */
public final class FitRun implements TrainingModel {
    private final ModelRuntime runtime;
    private volatile boolean stopTraining;
    private volatile boolean interrupted;
    private volatile int[] nanStop;
    private Integer initialEpoch;
    private History history;

    FitRun(ModelRuntime runtime) {
        this.runtime = runtime;
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
        return runtime.seed();
    }

    @Override
    public List<float[]> getWeights() {
        return runtime.getWeights();
    }

    @Override
    public void setWeights(List<float[]> weights) {
        runtime.setWeights(weights);
    }

    @Override
    public double learningRate() {
        return runtime.learningRate();
    }

    @Override
    public void setLearningRate(double learningRate) {
        runtime.setLearningRate(learningRate);
    }

    @Override
    public List<String> weightPaths() {
        return runtime.weightPaths();
    }

    @Override
    public byte[] trainingGraphDef() {
        return runtime.graphDef();
    }

    @Override
    public List<float[]> getOptimizerState() {
        return runtime.getOptimizerState();
    }

    @Override
    public void setOptimizerState(List<float[]> state) {
        runtime.setOptimizerState(state);
    }

    @Override
    public void save(Path dir) {
        boolean replace = Files.exists(dir);
        if (replace && OwnedOutputs.whyNotOwned(dir, OutputKind.SAVED_MODEL) != null) {
            throw new KerasJException(dir + ": exists and is not a SavedModel KerasJ wrote; not replacing it");
        }
        runtime.save(dir, replace);
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

    void history(History history) {
        this.history = history;
    }

    @Override
    public History history() {
        return history;
    }

    @Override
    public boolean isChief() {
        return runtime.isChief();
    }
}
