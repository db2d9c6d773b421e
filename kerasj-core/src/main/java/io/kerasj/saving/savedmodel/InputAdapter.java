package io.kerasj.saving.savedmodel;

import java.util.Arrays;
import java.util.List;

/**
 * Decides how samples of one shape are fed to a signature input: as they are, with a trailing channel of 1
 * ([n,28,28] to [-1,28,28,1]), or flattened ([n,28,28] to [-1,784]). Anything else is refused.
 */
final class InputAdapter {

    private InputAdapter() {
    }

    /**
     * @param signatureKey the signature, for the message
     * @param input the signature's input
     * @param sampleShape the shape of one sample, e.g. {28, 28}
     * @return the shape of one sample as fed (without the batch dimension)
     * @throws SavedModelException when the input cannot take such samples
     */
    static long[] feedShape(String signatureKey, TensorSpec input, int[] sampleShape) {
        long[] sample = Arrays.stream(sampleShape).asLongStream().toArray();
        if (input.unknownRank()) {
            return sample;
        }
        List<Long> dims = input.shape();
        if (!dims.isEmpty()) {
            List<Long> rest = dims.subList(1, dims.size());
            if (matches(rest, sample)) {
                return sample;
            }
            long[] withChannel = Arrays.copyOf(sample, sample.length + 1);
            withChannel[sample.length] = 1;
            if (matches(rest, withChannel)) {
                return withChannel;
            }
            long size = Arrays.stream(sample).reduce(1, Math::multiplyExact);
            if (rest.size() == 1 && (rest.get(0) == -1 || rest.get(0) == size)) {
                return new long[] {size};
            }
        }
        throw new SavedModelException("signature " + signatureKey + " input " + input.key() + " expects "
                + input.shapeText() + ", cannot take samples of shape " + Arrays.toString(sampleShape).replace(" ", ""));
    }

    /**
     * @param input the signature's input
     * @return the fixed batch size the input demands, or 0 when the batch dimension is free
     */
    static int fixedBatch(TensorSpec input) {
        if (input.unknownRank() || input.shape().isEmpty()) {
            return 0;
        }
        long b = input.shape().get(0);
        return b > 0 ? (int) b : 0;
    }

    private static boolean matches(List<Long> expected, long[] actual) {
        if (expected.size() != actual.length) {
            return false;
        }
        for (int i = 0; i < actual.length; i++) {
            if (expected.get(i) != -1 && expected.get(i) != actual[i]) {
                return false;
            }
        }
        return true;
    }
}
