package io.kerasj.data;

/** Turns NumPy arrays into {@link Samples} and {@link Targets}, checking their shapes. */
public final class NpyConversions {

    private NpyConversions() {
    }

    /**
     * @param x an array whose first axis counts the samples; {@code uint8} stays bytes, other types become float32
     * @param source the file, named in messages
     * @return the samples, each of the shape of {@code x} without its first axis
     * @throws DatasetException when {@code x} is a scalar or a sample dimension is zero
     */
    public static Samples samples(NpyArray x, String source) {
        long[] shape = x.shape();
        int count = count(shape, source, "samples");
        int[] sampleShape = rest(shape, source, "sample");
        FiniteValues.check(x, java.util.Arrays.stream(sampleShape).asLongStream().reduce(1, (a, b) -> a * b), source);
        return x.dtype() == NpyArray.DType.UINT8
                ? Samples.wrapBytes(x.unsafeData(), count, sampleShape)
                : Samples.wrapFloats(x.toFloats(), count, sampleShape);
    }

    /**
     * @param y an array whose first axis counts the samples
     * @param classCount the class count of integer targets, or 0 to take one more than the largest value
     * @param source the file, named in messages
     * @return integer targets for integer dtypes, float targets for float dtypes
     * @throws DatasetException when {@code y} is a scalar, or an integer target is out of range
     */
    public static Targets targets(NpyArray y, int classCount, String source) {
        long[] shape = y.shape();
        int count = count(shape, source, "targets");
        int[] targetShape = rest(shape, source, "target");
        if (!y.dtype().isInteger()) {
            return Targets.wrapFloats(y.toFloats(), count, targetShape);
        }
        int[] values = y.toInts(source);
        return Targets.wrapIntegers(values, count, classCount > 0 ? classCount : Targets.classCountOf(values), targetShape, source);
    }

    /** @return the largest integer value of {@code arrays} plus one, or 0 when one of them is not integer */
    public static int classCountOf(String source, NpyArray... arrays) {
        int[][] values = new int[arrays.length][];
        for (int i = 0; i < arrays.length; i++) {
            if (!arrays[i].dtype().isInteger()) {
                return 0;
            }
            values[i] = arrays[i].toInts(source);
        }
        return Targets.classCountOf(values);
    }

    private static int count(long[] shape, String source, String what) {
        if (shape.length == 0) {
            throw new DatasetException(source + ": expected an array of " + what + " with the count as its first axis, found a scalar (shape ())");
        }
        return (int) shape[0];
    }

    private static int[] rest(long[] shape, String source, String what) {
        int[] rest = new int[shape.length - 1];
        for (int i = 1; i < shape.length; i++) {
            if (shape[i] == 0) {
                throw new DatasetException(source + ": expected positive " + what + " dimensions, found shape " + NumpyShape.text(shape));
            }
            rest[i - 1] = (int) shape[i];
        }
        return rest;
    }
}
