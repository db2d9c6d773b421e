package io.kerasj.callbacks.tensorboard;

import io.kerasj.KerasJException;
import io.kerasj.runtime.NativeRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.summary.SummaryWriter;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * One TensorBoard event file, written by TensorFlow's own summary-writer ops ({@code CreateSummaryFileWriter},
 * {@code WriteScalarSummary}, {@code WriteHistogramSummary}, {@code WriteGraphSummary}, {@code FlushSummaryWriter},
 * {@code WriteRawProtoSummary}, {@code CloseSummaryWriter}) in a small graph and session of its own: the runtime frames the records and computes
 * their checksums, exactly as {@code tf.summary.create_file_writer} does in Python. The file is
 * {@code events.out.tfevents.<time>.<host>.<pid>.<n>.v2} in the given directory.
 */
public final class SummaryFileWriter implements AutoCloseable {

    static {
        NativeRuntime.ensureLoaded();
    }

    private static final AtomicLong WRITERS = new AtomicLong();

    private final Graph graph = new Graph();
    private final Session session;
    private final Placeholder<TInt64> step;
    private final Placeholder<TString> tag;
    private final Placeholder<TFloat32> value;
    private final Placeholder<TFloat32> values;
    private final Placeholder<TString> serialized;
    private final Op scalar;
    private final Op histogram;
    private final Op graphDef;
    private final Op rawSummary;
    private final Op flush;
    private final Op close;
    private boolean closed;

    /**
     * Creates the directory if needed and opens a new event file in it.
     *
     * @param dir the run directory ({@code log_dir/train} or {@code log_dir/validation})
     * @throws KerasJException when the directory cannot be created or the runtime refuses to open the file
     */
    public SummaryFileWriter(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            graph.close();
            throw new KerasJException("log_dir: cannot create " + dir + ": " + e.getMessage(), e);
        }
        Ops tf = Ops.create(graph);
        // a unique shared name: two writers in one process must not alias one resource
        Operand<?> writer = tf.summary.summaryWriter(
                SummaryWriter.sharedName("kerasj_summary_writer_" + WRITERS.incrementAndGet()));
        step = tf.placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
        tag = tf.placeholder(TString.class, Placeholder.shape(Shape.scalar()));
        value = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        values = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.unknown()));
        serialized = tf.placeholder(TString.class, Placeholder.shape(Shape.scalar()));
        Op create = tf.summary.createSummaryFileWriter(writer, tf.constant(dir.toAbsolutePath().toString()),
                tf.constant(10), tf.constant(120_000), tf.constant(".v2"));
        scalar = tf.summary.writeScalarSummary(writer, step, tag, value);
        histogram = tf.summary.writeHistogramSummary(writer, step, tag, values);
        graphDef = tf.summary.writeGraphSummary(writer, step, serialized);
        rawSummary = tf.summary.writeRawProtoSummary(writer, step, serialized);
        flush = tf.summary.flushSummaryWriter(writer);
        close = tf.summary.closeSummaryWriter(writer);
        session = new Session(graph);
        try {
            session.runner().addTarget(create).run();
        } catch (RuntimeException e) {
            session.close();
            graph.close();
            throw new KerasJException("log_dir: cannot open an event file in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a scalar as a float32 {@code simple_value}, as TensorBoard's scalar dashboard reads it.
     *
     * @param name the tag, e.g. {@code epoch_loss}
     * @param number the value
     * @param at the step
     */
    public void scalar(String name, double number, long at) {
        requireOpen();
        try (TInt64 s = TInt64.scalarOf(at); TString t = TString.scalarOf(name); TFloat32 v = TFloat32.scalarOf((float) number)) {
            session.runner().feed(step, s).feed(tag, t).feed(value, v).addTarget(scalar).run();
        }
    }

    /**
     * Writes the histogram of some values (TensorFlow's default buckets, a {@code HistogramProto}).
     *
     * @param name the tag, e.g. {@code sequential/dense/kernel/histogram}
     * @param data the values
     * @param at the step
     */
    public void histogram(String name, float[] data, long at) {
        requireOpen();
        try (TInt64 s = TInt64.scalarOf(at); TString t = TString.scalarOf(name);
             TFloat32 v = TFloat32.tensorOf(Shape.of(data.length), DataBuffers.of(data, true, false))) {
            session.runner().feed(step, s).feed(tag, t).feed(values, v).addTarget(histogram).run();
        }
    }

    /**
     * Writes a graph ({@code Event.graph_def}), which TensorBoard's graph dashboard draws.
     *
     * @param serializedGraphDef a serialized {@code org.tensorflow.proto.GraphDef}
     * @param at the step
     */
    public void graph(byte[] serializedGraphDef, long at) {
        requireOpen();
        try (TInt64 s = TInt64.scalarOf(at); TString g = TString.tensorOfBytes(NdArrays.scalarOfObject(serializedGraphDef))) {
            session.runner().feed(step, s).feed(serialized, g).addTarget(graphDef).run();
        }
    }

    /**
     * Writes a whole serialized {@code Summary} proto, {@code tf.summary.experimental.write_raw_pb}: how a plugin's
     * summaries (the HParams plugin's experiment and session records) are written.
     *
     * @param serializedSummary a serialized {@code org.tensorflow.proto.Summary}
     * @param at the step
     */
    public void rawSummary(byte[] serializedSummary, long at) {
        requireOpen();
        try (TInt64 s = TInt64.scalarOf(at); TString p = TString.tensorOfBytes(NdArrays.scalarOfObject(serializedSummary))) {
            session.runner().feed(step, s).feed(serialized, p).addTarget(rawSummary).run();
        }
    }

    /** Writes what is queued to the file. */
    public void flush() {
        requireOpen();
        session.runner().addTarget(flush).run();
    }

    /** Flushes and closes the event file, then frees the graph; further calls do nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            session.runner().addTarget(close).run();
        } finally {
            session.close();
            graph.close();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("summary writer: already closed");
        }
    }
}
