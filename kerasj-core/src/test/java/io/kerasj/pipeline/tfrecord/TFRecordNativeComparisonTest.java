package io.kerasj.pipeline.tfrecord;

import static org.assertj.core.api.Assertions.assertThat;

import io.kerasj.pipeline.Element;
import io.kerasj.pipeline.ElementIterator;
import io.kerasj.pipeline.HostArray;
import io.kerasj.pipeline.HostArray.DType;
import io.kerasj.pipeline.Pipeline;
import io.kerasj.runtime.NativeRuntime;
import io.kerasj.saving.savedmodel.OpAllowList;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TFOutOfRangeException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.data.IteratorGetNext;
import org.tensorflow.op.io.ParseExample;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;
import org.tensorflow.types.family.TType;

/**
 * The Java reader and parser against TensorFlow's own ops ({@code TFRecordDataset -> BatchDataset -> Iterator},
 * then {@code ParseExampleV2} in a Session) on California-housing-shaped records (8 float features, 1 float target)
 * and Fashion-MNIST-shaped records (784 raw bytes, an int64 label): both read the same values (checked by sums), and
 * the times are printed. {@code -Dkerasj.tfrecord.bench.epochs=N} sets the California housing passes (default 10).
 */
@Tag("slow")
class TFRecordNativeComparisonTest {
    private static final int BATCH = 256;

    @TempDir
    Path tmp;

    @Test
    void javaAndNativeReadTheSameValuesAndTheNativeOpsAreNotAllowListed() {
        int epochs = Integer.getInteger("kerasj.tfrecord.bench.epochs", 10);
        Path housing = tmp.resolve("housing.tfrecord");
        try (TFRecordWriter writer = TFRecordWriter.create(housing, TFRecordCompression.NONE)) {
            for (int i = 0; i < 20_640; i++) {
                float[] x = new float[8];
                for (int j = 0; j < 8; j++) {
                    x[j] = (i * 8 + j) % 1000 / 7f;
                }
                writer.writeExample(Map.of("features", HostArray.ofFloats(x, 8), "target", HostArray.ofFloats(new float[] {i % 5 / 2f}, 1)));
            }
            writer.commit();
        }
        Path fashion = tmp.resolve("fashion.tfrecord");
        try (TFRecordWriter writer = TFRecordWriter.create(fashion, TFRecordCompression.NONE)) {
            for (int i = 0; i < 60_000; i++) {
                byte[] image = new byte[784];
                for (int j = 0; j < image.length; j++) {
                    image[j] = (byte) (i * 31 + j * 7);
                }
                writer.writeExample(Map.of("image", HostArray.ofStrings(new byte[][] {image}), "label", HostArray.ofLongs(new long[] {i % 10}, 1)));
            }
            writer.commit();
        }
        Map<String, FeatureSpec> housingSpec = new LinkedHashMap<>();
        housingSpec.put("features", FeatureSpec.fixedLen(new long[] {8}, DType.FLOAT32));
        housingSpec.put("target", FeatureSpec.fixedLen(new long[] {1}, DType.FLOAT32));
        Map<String, FeatureSpec> fashionSpec = new LinkedHashMap<>();
        fashionSpec.put("image", FeatureSpec.fixedLen(new long[] {}, DType.STRING));
        fashionSpec.put("label", FeatureSpec.fixedLen(new long[] {1}, DType.INT64));

        for (int round = 0; round < 2; round++) { // the first round warms both up
            long t0 = System.nanoTime();
            double javaHousing = 0;
            for (int e = 0; e < epochs; e++) {
                javaHousing += javaSum(TFRecordDataset.of(List.of(housing), "").parseExamples(housingSpec,
                        List.of("features"), List.of("target")).batch(BATCH));
            }
            long t1 = System.nanoTime();
            double nativeHousing = nativeSum(housing, epochs, List.of("features", "target"),
                    List.of(TFloat32.class, TFloat32.class), List.of(Shape.of(8), Shape.of(1)), false);
            long t2 = System.nanoTime();
            double javaFashion = javaSum(TFRecordDataset.of(List.of(fashion), "").parseExamples(fashionSpec,
                    List.of("image"), List.of("label")).map(TFRecordNativeComparisonTest::decodeRaw).batch(BATCH));
            long t3 = System.nanoTime();
            double nativeFashion = nativeSum(fashion, 1, List.of("image", "label"),
                    List.of(TString.class, TInt64.class), List.of(Shape.scalar(), Shape.of(1)), true);
            long t4 = System.nanoTime();
            assertThat(javaHousing).isEqualTo(nativeHousing);
            assertThat(javaFashion).isEqualTo(nativeFashion);
            System.out.printf("tfrecord read+parse, round %d: California housing 20,640 x %d epochs: Java %.2f s, native %.2f s;"
                    + " Fashion-MNIST 60,000: Java %.2f s, native %.2f s%n", round, epochs, (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                    (t3 - t2) / 1e9, (t4 - t3) / 1e9);
        }
        for (String op : List.of("TFRecordDataset", "TFRecordDatasetV2", "BatchDatasetV2", "IteratorV2", "MakeIterator", "IteratorGetNext")) {
            assertThat(OpAllowList.allows(op)).as(op).isFalse();
        }
        assertThat(OpAllowList.allows("ParseExampleV2")).isFalse();
    }

    private static Element decodeRaw(Element e) {
        return e.withArrays(List.of(HostArray.ofUint8(e.x().get(0).strings()[0], 784)), e.y());
    }

    private static double javaSum(Pipeline batches) {
        double sum = 0;
        try (ElementIterator it = batches.iterator(0)) {
            while (it.hasNext()) {
                Element batch = it.next();
                for (HostArray a : batch.x()) {
                    sum += sum(a.toFloats());
                }
                for (HostArray a : batch.y()) {
                    sum += sum(a.toFloats());
                }
            }
        }
        return sum;
    }

    private static double sum(float[] values) {
        double s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }

    /** TFRecordDataset -> BatchDataset -> Iterator -> ParseExampleV2 (-> DecodeRaw for a raw image), fetched to Java arrays. */
    @SuppressWarnings("unchecked")
    private static double nativeSum(Path file, int epochs, List<String> keys, List<Class<? extends TType>> types,
            List<Shape> shapes, boolean rawImage) {
        NativeRuntime.ensureLoaded();
        try (Graph g = new Graph(); Session session = new Session(g)) {
            Ops tf = Ops.create(g);
            // TFRecordDataset (V1), as Python's tf.data.TFRecordDataset builds without byte offsets: TF 2.18 cannot
            // serialize TF Java's TFRecordDatasetV2 when MakeIterator rewrites the dataset graph
            Operand<TType> records = g.opBuilder("TFRecordDataset", "records", tf.scope())
                    .addInput(tf.constant(java.nio.charset.StandardCharsets.UTF_8, new String[] {file.toString()}).asOutput())
                    .addInput(tf.constant("").asOutput())
                    .addInput(tf.constant(256L * 1024).asOutput())
                    .build().output(0);
            List<Class<? extends TType>> stringType = List.of(TString.class);
            var batched = tf.data.batchDataset(records, tf.constant((long) BATCH), tf.constant(false), stringType,
                    List.of(Shape.of(-1)));
            var iterator = tf.data.iterator("", "", stringType, List.of(Shape.of(-1)));
            var init = tf.data.makeIterator(batched, iterator);
            IteratorGetNext next = tf.data.iteratorGetNext(iterator, stringType, List.of(Shape.of(-1)));
            List<Operand<?>> defaults = new ArrayList<>();
            for (Class<? extends TType> type : types) {
                defaults.add(type == TFloat32.class ? tf.constant(new float[0]) : type == TInt64.class ? tf.constant(new long[0])
                        : noStrings(tf));
            }
            ParseExample parsed = tf.io.parseExample((Operand<TString>) next.components().get(0), noStrings(tf),
                    noStrings(tf), tf.constant(java.nio.charset.StandardCharsets.UTF_8, keys.toArray(new String[0])), noStrings(tf), defaults,
                    0L, List.of(), List.of(), List.of(), shapes);
            List<Operand<?>> fetches = new ArrayList<>(parsed.denseValues());
            if (rawImage) {
                fetches.set(0, tf.io.decodeRaw((Operand<TString>) parsed.denseValues().get(0), TUint8.class));
            }
            double sum = 0;
            for (int e = 0; e < epochs; e++) {
                session.runner().addTarget(init).run();
                while (true) {
                    Session.Runner runner = session.runner();
                    fetches.forEach(runner::fetch);
                    try (Result result = runner.run()) {
                        for (int i = 0; i < fetches.size(); i++) {
                            sum += sum(toFloats(result.get(i)));
                        }
                    } catch (TFOutOfRangeException end) {
                        break;
                    }
                }
            }
            return sum;
        }
    }

    private static Operand<TString> noStrings(Ops tf) {
        return tf.constant(Shape.of(0), org.tensorflow.ndarray.buffer.DataBuffers.ofObjects(String.class, 0));
    }

    /** Copies a fetched tensor out to a Java array, as the Java reader's arrays are (and converts it for the sum). */
    private static float[] toFloats(Tensor t) {
        int n = (int) t.shape().size();
        if (t instanceof TFloat32 f) {
            float[] out = new float[n];
            f.asRawTensor().data().asFloats().read(out);
            return out;
        }
        if (t instanceof TInt64 l) {
            long[] raw = new long[n];
            l.asRawTensor().data().asLongs().read(raw);
            return HostArray.ofLongs(raw, n).toFloats();
        }
        byte[] raw = new byte[n];
        ((TUint8) t).asRawTensor().data().read(raw);
        return HostArray.ofUint8(raw, n).toFloats();
    }
}
