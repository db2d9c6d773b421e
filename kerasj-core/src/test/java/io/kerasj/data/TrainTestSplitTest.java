package io.kerasj.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TrainTestSplitTest {

    @Test
    void sizesAreScikitLearns() {
        TrainTestSplit first = TrainTestSplit.of(20640, 7);
        assertEquals(15480, first.train().length);
        assertEquals(5160, first.test().length);
        TrainTestSplit second = TrainTestSplit.of(15480, 11);
        assertEquals(11610, second.train().length);
        assertEquals(3870, second.test().length);
        assertEquals(3, TrainTestSplit.of(10, 0).test().length, "ceil(0.25 * 10)");
    }

    @Test
    void thePartsAreThePermutationTestFirst() {
        int[] permutation = new NumpyRandomState(7).permutation(10);
        TrainTestSplit split = TrainTestSplit.of(10, 7);
        assertArrayEquals(Arrays.copyOfRange(permutation, 0, 3), split.test());
        assertArrayEquals(Arrays.copyOfRange(permutation, 3, 10), split.train());
        int[] all = IntStream.concat(Arrays.stream(split.train()), Arrays.stream(split.test())).sorted().toArray();
        assertArrayEquals(IntStream.range(0, 10).toArray(), all);
    }

    @Test
    void emptyPartsAndBadFractionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> TrainTestSplit.of(1, 7));
        assertThrows(IllegalArgumentException.class, () -> TrainTestSplit.of(10, 1.0, 7));
        assertThrows(IllegalArgumentException.class, () -> TrainTestSplit.of(10, Double.NaN, 7));
    }
}
