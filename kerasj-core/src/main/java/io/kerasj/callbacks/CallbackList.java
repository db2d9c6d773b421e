package io.kerasj.callbacks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An ordered group of callbacks that forwards every hook to each member in order, as Keras's
 * {@code CallbackList}. The fit and evaluate loops talk to one {@code CallbackList} instead of many callbacks.
 * It is itself a {@link Callback}, so lists nest. Exceptions thrown by a member propagate to the caller.
 */
public final class CallbackList implements Callback {

    private final List<Callback> callbacks = new ArrayList<>();

    /** Creates an empty list. */
    public CallbackList() {
    }

    /**
     * @param callbacks the members, in calling order; none may be null
     * @throws NullPointerException if a member is null
     */
    public CallbackList(List<? extends Callback> callbacks) {
        for (Callback callback : callbacks) {
            add(callback);
        }
    }

    /**
     * @param callbacks the members, in calling order; none may be null
     */
    public CallbackList(Callback... callbacks) {
        this(List.of(callbacks));
    }

    /**
     * Appends a callback; it is called after those already in the list.
     *
     * @param callback the callback to add
     * @return this list
     */
    public CallbackList add(Callback callback) {
        callbacks.add(Objects.requireNonNull(callback, "callback"));
        return this;
    }

    /** @return the members in calling order, read-only */
    public List<Callback> callbacks() {
        return Collections.unmodifiableList(callbacks);
    }

    /** @return the number of members */
    public int size() {
        return callbacks.size();
    }

    /** @return the members' positive {@link Callback#batchPeriod()}s, nested lists included, without repeats */
    public int[] batchPeriods() {
        return callbacks.stream()
                .flatMapToInt(c -> c instanceof CallbackList list ? java.util.Arrays.stream(list.batchPeriods())
                        : java.util.stream.IntStream.of(c.batchPeriod()))
                .filter(n -> n > 0).distinct().sorted().toArray();
    }

    /**
     * @param type a callback type or marker interface
     * @return true when a member, in nested lists too, is of that type
     */
    public boolean contains(Class<?> type) {
        return callbacks.stream().anyMatch(c -> type.isInstance(c) || c instanceof CallbackList list && list.contains(type));
    }

    /** {@inheritDoc} Forwarded to every member. */
    @Override
    public void setModel(TrainingModel model) {
        callbacks.forEach(c -> c.setModel(model));
    }

    /** {@inheritDoc} Forwarded to every member. */
    @Override
    public void setParams(Map<String, Object> params) {
        callbacks.forEach(c -> c.setParams(params));
    }

    /** {@inheritDoc} Forwarded to every member. */
    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        callbacks.forEach(c -> c.onTrainBegin(logs));
    }

    /** {@inheritDoc} Forwarded to every member. */
    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        callbacks.forEach(c -> c.onTrainEnd(logs));
    }

    /** {@inheritDoc} Forwarded to every member. */
    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        callbacks.forEach(c -> c.onEpochBegin(epoch, logs));
    }

    /** {@inheritDoc} Forwarded to every member. */
    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        callbacks.forEach(c -> c.onEpochEnd(epoch, logs));
    }

    /** {@inheritDoc} Forwarded to every member. */
    @Override
    public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
        callbacks.forEach(c -> c.onTrainBatchBegin(batch, logs));
    }

    /** {@inheritDoc} Forwarded to every member. */
    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        callbacks.forEach(c -> c.onTrainBatchEnd(batch, logs));
    }

    /** {@inheritDoc} Forwarded to every member. */
    @Override
    public void onTestBegin(Map<String, Double> logs) {
        callbacks.forEach(c -> c.onTestBegin(logs));
    }

    /** {@inheritDoc} Forwarded to every member. */
    @Override
    public void onTestBatchEnd(int batch, Map<String, Double> logs) {
        callbacks.forEach(c -> c.onTestBatchEnd(batch, logs));
    }

    /** {@inheritDoc} Forwarded to every member. */
    @Override
    public void onTestEnd(Map<String, Double> logs) {
        callbacks.forEach(c -> c.onTestEnd(logs));
    }

    /** {@inheritDoc} Forwarded to every member. */
    @Override
    public void onPredictBegin(Map<String, Double> logs) {
        callbacks.forEach(c -> c.onPredictBegin(logs));
    }

    /** {@inheritDoc} Forwarded to every member. */
    @Override
    public void onPredictBatchEnd(int batch, Map<String, Double> logs) {
        callbacks.forEach(c -> c.onPredictBatchEnd(batch, logs));
    }

    /** {@inheritDoc} Forwarded to every member. */
    @Override
    public void onPredictEnd(Map<String, Double> logs) {
        callbacks.forEach(c -> c.onPredictEnd(logs));
    }
}
