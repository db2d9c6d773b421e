package io.kerasj.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.op.image.ResizeNearestNeighbor;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** What the image preprocessing layers share: shape checks, per-image random draws, crops and resizes (NHWC). */
final class ImageOps {
    private ImageOps() {
    }

    /** @throws IllegalArgumentException unless the per-sample shape is (height, width, channels), all known */
    static void requireImage(String layer, long[] inputShape) {
        if (inputShape.length != 3 || inputShape[0] <= 0 || inputShape[1] <= 0 || inputShape[2] <= 0) {
            throw new IllegalArgumentException(layer + ": expected images of a known (height, width, channels), found "
                    + java.util.Arrays.toString(inputShape));
        }
    }

    /** @throws IllegalArgumentException unless the value is positive */
    static int positive(String what, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + ": expected a positive size, found " + value);
        }
        return value;
    }

    /** @return the op seed: the layer's own when it has one, else the model's for this layer */
    static long seed(CallContext context, Long own) {
        return own != null ? own : context.seed();
    }

    /**
     * @return uniform values in [low, high) of shape (batch, 1, 1, 1): one per image, drawn by a stateful op, so each
     *     training step draws anew while a run with the same seed draws the same sequence
     */
    static Operand<TFloat32> perImage(Ops tf, Operand<TFloat32> images, long seed, int stream, double low, double high) {
        Operand<TInt32> batch = tf.slice(tf.shape(images), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
        return perImage(tf, batch, seed, stream, low, high, 3);
    }

    /** @return uniform values in [low, high) of shape (batch) followed by {@code ones} dimensions of 1 */
    static Operand<TFloat32> perImage(Ops tf, Operand<TInt32> batch, long seed, int stream, double low, double high, int ones) {
        Operand<TInt32> shape = tf.concat(List.of(batch, tf.constant(new int[ones])), tf.constant(0));
        shape = tf.math.maximum(shape, tf.constant(1));
        Operand<TFloat32> u = tf.random.randomUniform(shape, TFloat32.class,
                RandomUniform.seed(seed), RandomUniform.seed2(seed * 31 + stream));
        return tf.math.add(tf.math.mul(u, tf.constant((float) (high - low))), tf.constant((float) low));
    }

    /** @return the images' window of (height, width) at (top, left), statically placed */
    static Operand<TFloat32> crop(Ops tf, Operand<TFloat32> images, long top, long left, long height, long width) {
        return tf.slice(images, tf.constant(new long[] {0, top, left, 0}), tf.constant(new long[] {-1, height, width, -1}));
    }

    /**
     * @return Keras's {@code crop_to_aspect_ratio}: the largest centred window of the target's aspect ratio, as
     *     {@code {top, left, height, width}}
     */
    static long[] aspectWindow(long height, long width, long targetHeight, long targetWidth) {
        long cropHeight = Math.max(Math.min(height, (long) ((double) (width * targetHeight) / targetWidth)), 1);
        long cropWidth = Math.max(Math.min(width, (long) ((double) (height * targetWidth) / targetHeight)), 1);
        return new long[] {(long) ((double) (height - cropHeight) / 2), (long) ((double) (width - cropWidth) / 2),
            cropHeight, cropWidth};
    }

    /** @return tf.image.resize with half-pixel centres, bilinear or nearest, no antialiasing */
    static Operand<TFloat32> resize(Ops tf, Operand<TFloat32> images, int height, int width, boolean nearest) {
        Operand<TInt32> size = tf.constant(new int[] {height, width});
        if (nearest) {
            return tf.image.resizeNearestNeighbor(images, size, ResizeNearestNeighbor.halfPixelCenters(true));
        }
        return tf.image.resizeBilinear(images, size, ResizeBilinear.halfPixelCenters(true));
    }

    /** @return Keras's smart resize: crop to the target's aspect ratio about the centre, then resize */
    static Operand<TFloat32> cropToAspectAndResize(Ops tf, Operand<TFloat32> images, long[] inputShape, int height,
            int width, boolean nearest) {
        long[] w = aspectWindow(inputShape[0], inputShape[1], height, width);
        return resize(tf, crop(tf, images, w[0], w[1], w[2], w[3]), height, width, nearest);
    }
}
