package io.kerasj.pipeline.tfrecord;

import io.kerasj.pipeline.Element;
import io.kerasj.pipeline.ElementIterator;
import io.kerasj.pipeline.HostArray;
import io.kerasj.pipeline.Pipeline;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@code tf.data.TFRecordDataset}: the records of TFRecord files, each an element whose x is one string scalar (the
 * record's bytes). Files are read in order, or, with {@link #withNumParallelReads(int)}, interleaved as TensorFlow
 * does ({@code num_parallel_reads}): several files read ahead on threads, in a deterministic order. Usually followed by
 * {@link #parseExamples(Map, List, List)}, then {@code batch}:
 *
 * <pre>{@code
 * Pipeline train = TFRecordDataset.of(files, "GZIP")
 *         .parseExamples(Map.of("features", FeatureSpec.fixedLen(new long[] {8}, DType.FLOAT32),
 *                         "target", FeatureSpec.fixedLen(new long[] {1}, DType.FLOAT32)),
 *                 List.of("features"), List.of("target"))
 *         .batch(32);
 * }</pre>
 *
 * Every pass reads the files again; a bad record stops the pass with a {@link io.kerasj.pipeline.PipelineException}
 * naming the file, the record and its byte offset. An empty file, or no file, gives no elements.
 */
public final class TFRecordDataset extends Pipeline {
    private final List<Path> files;
    private final TFRecordCompression compression;
    private final int numParallelReads;
    private final long maxRecordBytes;

    private TFRecordDataset(List<Path> files, TFRecordCompression compression, int numParallelReads, long maxRecordBytes) {
        this.files = List.copyOf(files);
        this.compression = Objects.requireNonNull(compression, "compression");
        this.numParallelReads = numParallelReads;
        this.maxRecordBytes = maxRecordBytes;
    }

    /**
     * @param files the files, read in this order
     * @param compressionType {@code ""} (or null), {@code "GZIP"} or {@code "ZLIB"}, as TensorFlow's
     * @return the dataset, read sequentially, with records up to {@link TFRecordReader#DEFAULT_MAX_RECORD_BYTES}
     */
    public static TFRecordDataset of(List<Path> files, String compressionType) {
        return of(files, TFRecordCompression.of(compressionType));
    }

    /** As {@link #of(List, String)}. */
    public static TFRecordDataset of(List<Path> files, TFRecordCompression compression) {
        return new TFRecordDataset(files, compression, 1, TFRecordReader.DEFAULT_MAX_RECORD_BYTES);
    }

    /**
     * @param n how many files to read at once, each ahead on a thread, their records interleaved one by one in
     *     {@code tf.data}'s deterministic order; 1 reads the files one after the other on the caller's thread
     * @return the dataset reading so
     */
    public TFRecordDataset withNumParallelReads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("numParallelReads " + n + ": expected at least 1");
        }
        return new TFRecordDataset(files, compression, n, maxRecordBytes);
    }

    /**
     * @param limit the largest record accepted, in bytes; a longer claim is refused before anything is allocated
     * @return the dataset with that limit
     */
    public TFRecordDataset withMaxRecordBytes(long limit) {
        if (limit < 1 || limit > TFRecordReader.LARGEST_MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("maxRecordBytes " + limit + ": expected 1 to " + TFRecordReader.LARGEST_MAX_RECORD_BYTES);
        }
        return new TFRecordDataset(files, compression, numParallelReads, limit);
    }

    /**
     * Parses each record as a {@code tf.train.Example} ({@code tf.io.parse_single_example}) into an element
     * {@code (x, y)} by position, ready to batch. With several parallel reads, records are parsed on the reading threads.
     *
     * @param spec each feature's name and how to parse it
     * @param xKeys the features that are the model's inputs, in order
     * @param yKeys the features that are its targets, in order (empty for {@code predict})
     * @return the pipeline of parsed elements
     */
    public Pipeline parseExamples(Map<String, FeatureSpec> spec, List<String> xKeys, List<String> yKeys) {
        ExampleParser parser = ExampleParser.of(spec);
        if (xKeys.isEmpty()) {
            throw new IllegalArgumentException("parseExamples: expected at least one x feature");
        }
        int[] x = indices(parser, xKeys);
        int[] y = indices(parser, yKeys);
        return new ParsedExamples(this, parser, record -> {
            HostArray[] arrays = parser.parseArrays(record.data(), record::where);
            return Element.of(pick(arrays, x), pick(arrays, y));
        });
    }

    /**
     * @param spec each feature's name and how to parse it
     * @return elements whose x holds every feature by name (a dict, as {@code parse_single_example} returns), no y
     */
    public Pipeline parseExamples(Map<String, FeatureSpec> spec) {
        ExampleParser parser = ExampleParser.of(spec);
        return new ParsedExamples(this, parser, record -> Element.named(parser.parse(record.data(), record::where), Map.of()));
    }

    private static int[] indices(ExampleParser parser, List<String> keys) {
        int[] out = new int[keys.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = parser.indexOf(keys.get(i));
            if (out[i] < 0) {
                throw new IllegalArgumentException("parseExamples: '" + keys.get(i) + "' is not in the feature spec "
                        + parser.names());
            }
        }
        return out;
    }

    private static List<HostArray> pick(HostArray[] arrays, int[] which) {
        HostArray[] out = new HostArray[which.length];
        for (int i = 0; i < which.length; i++) {
            out[i] = arrays[which[i]];
        }
        return List.of(out);
    }

    @Override
    public ElementIterator iterator(long epoch) {
        return records(record -> Element.of(HostArray.ofStrings(new byte[][] {record.data()})));
    }

    /** @return a pass whose records {@code transform} turns into elements (on the reading threads, if any) */
    ElementIterator records(Function<Record, Element> transform) {
        return new InterleavedRecords(files, compression, maxRecordBytes, numParallelReads, transform);
    }

    /** @return the files, in order */
    public List<Path> files() {
        return files;
    }

    @Override
    public String toString() {
        return "TFRecordDataset(" + files.size() + (files.size() == 1 ? " file" : " files")
                + (compression == TFRecordCompression.NONE ? "" : ", " + compression) + ")";
    }
}
