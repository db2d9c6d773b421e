package io.kerasj.callbacks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Test fixture: a model whose single weight is the epoch number, so restored weights name their epoch; {@link #fit}
 * makes fit's calls on a callback without any TensorFlow.
 */
class EpochModel implements TrainingModel {
    boolean stopped;
    float[] weight = {-1};
    final List<float[]> restored = new ArrayList<>();

    @Override
    public void stopTraining() {
        stopped = true;
    }

    @Override
    public List<float[]> getWeights() {
        return List.of(weight.clone());
    }

    @Override
    public void setWeights(List<float[]> weights) {
        weight = weights.get(0).clone();
        restored.add(weight);
    }

    /**
     * Runs fit's calls for the given values of the monitored key, one epoch each, until the callback stops training.
     *
     * @return the number of epochs run
     */
    static int fit(Callback callback, EpochModel model, String key, double... values) {
        callback.setModel(model);
        callback.onTrainBegin(Map.of());
        int epoch = 0;
        while (epoch < values.length && !model.stopped) {
            model.weight = new float[] {epoch};
            callback.onEpochEnd(epoch, Map.of(key, values[epoch]));
            epoch++;
        }
        callback.onTrainEnd(Map.of());
        return epoch;
    }
}
