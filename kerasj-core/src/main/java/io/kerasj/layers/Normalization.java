package io.kerasj.layers;

import io.kerasj.initializers.Initializer;
import io.kerasj.initializers.Initializers;

import io.kerasj.data.FloatSamples;
import io.kerasj.pipeline.Element;
import io.kerasj.pipeline.ElementIterator;
import io.kerasj.pipeline.HostArray;
import io.kerasj.pipeline.Pipeline;
import io.kerasj.pipeline.PipelineException;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code Normalization} over the last axis ({@code axis=-1}): {@code (x - mean) / max(sqrt(variance), 1e-7)}.
 * {@link #adapt(FloatSamples)} computes the mean and the (biased) variance of each feature over a data set, as
 * Keras's {@code adapt} on an array (the scikit-learn {@code StandardScaler} step, inside the model). Weights, all
 * non-trainable, in Keras's order: {@code mean} (zeros), {@code variance} (ones), {@code count} (a scalar Keras
 * keeps for old saved models; 0 after an adapt on an array, as Keras). With a given {@code mean} and {@code variance}
 * (one value, or one per feature) the layer has no weights, as in Keras. Keras's {@code axis} may name the last axis
 * by its index too (EfficientNet's {@code axis=3}); other axes are not supported.
 */
public final class Normalization extends Layer {
    /** Keras's {@code backend.epsilon()}. */
    private static final float EPSILON = 1e-7f;
    private float[] adaptedMean;
    private float[] adaptedVariance;
    private WeightSpec mean;
    private WeightSpec variance;
    private WeightSpec count;
    private final int axis;
    private final float[] givenMean;
    private final float[] givenVariance;

    /** Keras's defaults: {@code axis=-1}, statistics from {@link #adapt} (or {@code set_weights}). */
    public Normalization() {
        this(-1, null, null);
    }

    /**
     * @param axis Keras's {@code axis}, batch included: -1, or the index of the last axis
     * @param mean the given mean (one value, or one per feature), or null for weights set by {@link #adapt}
     * @param variance the given variance, with {@code mean}
     */
    public Normalization(int axis, float[] mean, float[] variance) {
        super(null);
        if ((mean == null) != (variance == null)) {
            throw new IllegalArgumentException("mean, variance: expected both or neither");
        }
        if (mean != null && (mean.length == 0 || variance.length == 0
                || mean.length != variance.length && mean.length != 1 && variance.length != 1)) {
            throw new IllegalArgumentException("mean, variance: expected one value or one per feature each, found "
                    + mean.length + " and " + variance.length);
        }
        if (axis == 0) {
            throw new IllegalArgumentException("axis: expected a per-sample axis, found 0 (the batch)");
        }
        this.axis = axis;
        this.givenMean = mean == null ? null : mean.clone();
        this.givenVariance = variance == null ? null : variance.clone();
    }

    /** @return Keras's {@code axis} as given */
    public int axis() {
        return axis;
    }

    /** @return the given mean, or null when the statistics are weights */
    public float[] givenMean() {
        return givenMean == null ? null : givenMean.clone();
    }

    /** @return the given variance, or null when the statistics are weights */
    public float[] givenVariance() {
        return givenVariance == null ? null : givenVariance.clone();
    }

    /**
     * Keras's {@code adapt(data)}: the mean and variance of each feature (each position on the last axis) over all
     * samples and all other axes. Before the layer is built they become its first values; after, they are written
     * into the model's weights.
     *
     * @param data the samples, whose last dimension is the layer's feature count
     * @return this layer
     * @throws IllegalArgumentException when the data are empty or their last dimension differs from the layer's
     */
    public Normalization adapt(FloatSamples data) {
        int[] shape = data.sampleShape();
        int features = features(Arrays.stream(shape).asLongStream().toArray(), Arrays.toString(shape));
        float[] values = data.unsafeValues();
        long rows = values.length / features;
        if (rows == 0) {
            throw new IllegalArgumentException("data: expected at least one sample to adapt on, found none");
        }
        double[] sum = new double[features];
        addValues(values, sum);
        double[] average = average(sum, rows);
        double[] squares = new double[features];
        addSquares(values, average, squares);
        return adapted(average, squares, rows);
    }

    /**
     * Keras's {@code adapt(dataset)}: the same statistics over the x of every batch of one pass, equal to
     * {@link #adapt(FloatSamples)} on the batches joined (two passes, the same sums in the same order). The
     * pipeline's elements hold one x array each (their targets, if any, are ignored); uint8 and integer values are
     * read as numbers.
     *
     * @param data batched elements
     * @return this layer
     * @throws io.kerasj.pipeline.PipelineException when the pipeline gives no batch or a batch of another shape
     */
    public Normalization adapt(Pipeline data) {
        int[] features = {-1};
        long[] rows = {0};
        double[][] sum = new double[1][];
        eachBatch(data, batch -> {
            if (features[0] < 0) {
                features[0] = features(Arrays.copyOfRange(batch.shape(), 1, batch.rank()), batch.describe());
                sum[0] = new double[features[0]];
            }
            float[] values = values(batch, features[0], data);
            rows[0] += values.length / features[0];
            addValues(values, sum[0]);
        });
        if (rows[0] == 0) {
            throw new PipelineException("adapt: " + data + " gave no sample to adapt on");
        }
        double[] average = average(sum[0], rows[0]);
        double[] squares = new double[features[0]];
        eachBatch(data, batch -> addSquares(values(batch, features[0], data), average, squares));
        return adapted(average, squares, rows[0]);
    }

    private static void eachBatch(Pipeline data, java.util.function.Consumer<HostArray> action) {
        try (ElementIterator pass = data.iterator(0)) {
            if (!pass.hasNext()) {
                throw new PipelineException("adapt: " + data + " gave no batch; adapt needs at least one");
            }
            while (pass.hasNext()) {
                Element element = pass.next();
                if (element.x().size() != 1) {
                    throw new PipelineException("adapt: " + data + ": expected one x array per element, found " + element);
                }
                action.accept(element.singleX());
            }
        }
    }

    private static float[] values(HostArray batch, int features, Pipeline data) {
        if (batch.rank() < 1 || batch.dtype() == HostArray.DType.STRING
                || (batch.rank() == 1 ? 1 : batch.shape()[batch.rank() - 1]) != features) {
            throw new PipelineException("adapt: " + data + ": expected numbers with " + features + " features on the last axis, found "
                    + batch.describe());
        }
        return batch.toFloats();
    }

    /** @return the feature count of samples of this shape, checked against the built layer's */
    private int features(long[] sampleShape, String described) {
        int features = sampleShape.length == 0 ? 1 : Math.toIntExact(sampleShape[sampleShape.length - 1]);
        if (isBuilt() && features != inputShape()[inputShape().length - 1]) {
            throw new IllegalArgumentException("data: expected samples whose last dimension is " + inputShape()[inputShape().length - 1]
                    + ", found shape " + described);
        }
        return features;
    }

    private static void addValues(float[] values, double[] sum) {
        int features = sum.length;
        for (int i = 0; i < values.length; i++) {
            sum[i % features] += values[i];
        }
    }

    private static double[] average(double[] sum, long rows) {
        double[] average = new double[sum.length];
        for (int f = 0; f < sum.length; f++) {
            average[f] = sum[f] / rows;
        }
        return average;
    }

    private static void addSquares(float[] values, double[] average, double[] squares) {
        int features = average.length;
        for (int i = 0; i < values.length; i++) {
            double d = values[i] - average[i % features];
            squares[i % features] += d * d;
        }
    }

    private Normalization adapted(double[] average, double[] squares, long rows) {
        if (givenMean != null) {
            throw new IllegalStateException("layer " + name() + " (Normalization): built with a given mean and variance; "
                    + "adapt needs a Normalization without them");
        }
        int features = average.length;
        adaptedMean = new float[features];
        adaptedVariance = new float[features];
        for (int f = 0; f < features; f++) {
            adaptedMean[f] = (float) average[f];
            adaptedVariance[f] = (float) (squares[f] / rows);
        }
        if (isBuilt() && !weightSpecs().isEmpty() && hasStore()) {
            setWeights(List.of(adaptedMean, adaptedVariance, new float[1]));
        }
        return this;
    }

    @Override
    protected long[] build(long[] inputShape, WeightDeclarations weights) {
        if (inputShape.length == 0) {
            throw new IllegalArgumentException("layer " + name() + " (Normalization): expected an input of rank at least 1 per sample, found a scalar");
        }
        if (axis != -1 && axis != inputShape.length) {
            throw new IllegalArgumentException("layer " + name() + " (Normalization): axis " + axis + " of its input "
                    + Shapes.batchTuple(inputShape) + ": KerasJ normalizes the last axis only");
        }
        long features = inputShape[inputShape.length - 1];
        if (givenMean != null) {
            for (float[] values : new float[][] {givenMean, givenVariance}) {
                if (values.length != 1 && values.length != features) {
                    throw new IllegalArgumentException("layer " + name() + " (Normalization): " + values.length
                            + " values of mean or variance for " + features + " features");
                }
            }
            return inputShape.clone();
        }
        if (adaptedMean != null && adaptedMean.length != features) {
            throw new IllegalArgumentException("layer " + name() + " (Normalization): adapted on " + adaptedMean.length
                    + " features, but its input " + Arrays.toString(inputShape) + " has " + features);
        }
        long[] shape = {features};
        mean = weights.add("mean", shape, adaptedMean == null ? Initializer.ZEROS : fixed(adaptedMean), false);
        variance = weights.add("variance", shape, adaptedVariance == null ? Initializers.constant(1) : fixed(adaptedVariance), false);
        count = weights.add("count", new long[0], Initializer.ZEROS, false);
        return inputShape.clone();
    }

    private static Initializer fixed(float[] values) {
        float[] copy = values.clone();
        return (shape, random) -> copy.clone();
    }

    @Override
    public LayerOutput call(CallContext context, Operand<TFloat32> input) {
        Ops tf = context.tf();
        Operand<TFloat32> m = givenMean != null ? constant(tf, givenMean) : context.read(mean);
        Operand<TFloat32> v = givenVariance != null ? constant(tf, givenVariance) : context.read(variance);
        Operand<TFloat32> deviation = tf.math.maximum(tf.math.sqrt(v), tf.constant(EPSILON));
        return LayerOutput.of(tf.math.div(tf.math.sub(input, m), deviation));
    }

    private static Operand<TFloat32> constant(Ops tf, float[] values) {
        return values.length == 1 ? tf.constant(values[0]) : tf.constant(values);
    }
}
