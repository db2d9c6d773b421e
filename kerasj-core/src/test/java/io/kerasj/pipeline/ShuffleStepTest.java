package io.kerasj.pipeline;

import static io.kerasj.pipeline.Elements.ints;
import static io.kerasj.pipeline.Elements.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShuffleStepTest {
    private static final List<Integer> HUNDRED = IntStream.range(0, 100).boxed().toList();

    @Test
    void everyElementComesOnceEachPassInAnotherOrderPerEpoch() {
        Pipeline p = range(0, 100).shuffle(100, 42);
        List<Integer> first = ints(p, 0);
        List<Integer> second = ints(p, 1);
        assertEquals(HUNDRED, sorted(first));
        assertEquals(HUNDRED, sorted(second));
        assertNotEquals(HUNDRED, first);
        assertNotEquals(first, second);
    }

    @Test
    void theSameSeedAndEpochGiveTheSameOrderInAnotherPipelineObject() {
        // a run resumed at epoch 3 makes its pipeline anew: it must read what the uninterrupted run read
        assertEquals(ints(range(0, 100).shuffle(10, 7), 3), ints(range(0, 100).shuffle(10, 7), 3));
        assertNotEquals(ints(range(0, 100).shuffle(10, 7), 3), ints(range(0, 100).shuffle(10, 8), 3));
    }

    @Test
    void withoutReshufflingEveryEpochReadsTheFirstOrder() {
        Pipeline p = range(0, 50).shuffle(50, 1, false);
        assertEquals(ints(p, 0), ints(p, 5));
        assertNotEquals(ints(p, 0), ints(range(0, 50).shuffle(50, 1, true), 5));
    }

    @Test
    void aBufferOfOneKeepsTheOrder() {
        assertEquals(HUNDRED, ints(range(0, 100).shuffle(1, 3)));
    }

    @Test
    void aSmallBufferMovesElementsOnlyForward() {
        // tf.data's buffer: the element emitted k-th is among the first k + bufferSize of the input
        List<Integer> order = ints(range(0, 1000).shuffle(4, 9));
        assertEquals(IntStream.range(0, 1000).boxed().toList(), sorted(order));
        for (int k = 0; k < order.size(); k++) {
            assertTrue(order.get(k) < k + 4, "element " + order.get(k) + " emitted at " + k);
        }
        assertNotEquals(IntStream.range(0, 1000).boxed().toList(), order);
    }

    @Test
    void positionsAreRoughlyUniformWithAFullBuffer() {
        // over many epochs element 0 lands in each half of 10 positions about equally often
        int firstHalf = 0;
        Pipeline p = range(0, 10).shuffle(10, 123);
        for (int epoch = 0; epoch < 2000; epoch++) {
            if (ints(p, epoch).indexOf(0) < 5) {
                firstHalf++;
            }
        }
        assertTrue(firstHalf > 900 && firstHalf < 1100, "element 0 in the first half " + firstHalf + " times of 2000");
    }

    @Test
    void repeatReshufflesEachRepetitionAndKeepsCardinality() {
        Pipeline p = range(0, 20).shuffle(20, 5).repeat(2);
        List<Integer> both = ints(p);
        assertEquals(40, both.size());
        assertEquals(20, range(0, 20).shuffle(20, 5).cardinality());
        assertNotEquals(both.subList(0, 20), both.subList(20, 40));
        assertEquals(sorted(both.subList(0, 20)), sorted(both.subList(20, 40)));
    }

    @Test
    void aBufferBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> range(0, 3).shuffle(0, 1));
    }

    private static List<Integer> sorted(List<Integer> values) {
        List<Integer> copy = new ArrayList<>(values);
        copy.sort(null);
        return copy;
    }
}
