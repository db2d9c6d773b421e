package io.kerasj.engine;

import io.kerasj.pipeline.PipelineException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One read of a pipeline under way on a background thread while the caller runs the graph on the last one: at most
 * one ahead. An exception of the read (a generator's own) is thrown by {@link #take()} unchanged.
 *
 * @param <T> what a read gives
 */
final class ReadAhead<T> implements AutoCloseable {
    private final ExecutorService reader;
    private Future<T> ahead;

    /** @param threadName the reading thread's name */
    ReadAhead(String threadName) {
        reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts a read; the one before must have been taken or drained. */
    void start(Callable<T> read) {
        if (ahead != null) {
            throw new IllegalStateException("a read is already under way");
        }
        ahead = reader.submit(read);
    }

    /** @return whether a read is under way or done and not taken */
    boolean started() {
        return ahead != null;
    }

    /** @return the read's result, waiting for it; its exception, if any, unchanged */
    T take() {
        Future<T> future = ahead;
        ahead = null;
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new PipelineException("interrupted while waiting for the pipeline", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new PipelineException("the pipeline failed: " + cause, cause);
        }
    }

    /** Waits for a read under way and drops its result and any error: its caller stopped wanting it. */
    void drain() {
        if (ahead != null) {
            try {
                take();
            } catch (RuntimeException ignored) {
                // the epoch or evaluation that asked for it is over
            }
        }
    }

    /** Stops the thread, interrupting a read under way, and waits for it to end (so the pass may be closed). */
    @Override
    public void close() {
        if (ahead != null) {
            ahead.cancel(true);
            ahead = null;
        }
        reader.shutdownNow();
        try {
            reader.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
