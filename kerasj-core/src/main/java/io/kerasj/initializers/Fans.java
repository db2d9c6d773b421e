package io.kerasj.initializers;

/**
 * Keras's {@code compute_fans}: the number of input and output units of a weight of any rank. A convolution kernel
 * {@code [..., in, out]} counts its receptive field in both.
 *
 * @param in fan-in
 * @param out fan-out
 */
public record Fans(double in, double out) {

    /**
     * @param shape a weight shape
     * @return its fans: scalar (1, 1); vector (n, n); matrix (rows, columns); higher ranks
     *     (in · field, out · field) with field the product of the leading dimensions
     */
    public static Fans of(long[] shape) {
        if (shape.length == 0) {
            return new Fans(1, 1);
        }
        if (shape.length == 1) {
            return new Fans(shape[0], shape[0]);
        }
        double field = 1;
        for (int i = 0; i < shape.length - 2; i++) {
            field *= shape[i];
        }
        return new Fans(shape[shape.length - 2] * field, shape[shape.length - 1] * field);
    }
}
