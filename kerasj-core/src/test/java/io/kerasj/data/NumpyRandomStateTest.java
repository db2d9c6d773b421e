package io.kerasj.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NumpyRandomStateTest {

    @Test
    void firstDrawsAreTheReferenceMt19937() {
        // Matsumoto and Nishimura's mt19937ar.c: init_genrand(5489) starts 3499211612, 581869302, 3890346734.
        NumpyRandomState random = new NumpyRandomState(5489);
        assertEquals(3499211612L, Integer.toUnsignedLong(random.nextInt32()));
        assertEquals(581869302L, Integer.toUnsignedLong(random.nextInt32()));
        assertEquals(3890346734L, Integer.toUnsignedLong(random.nextInt32()));
    }

    @Test
    void permutationMatchesNumpysPrintedOutput() {
        // numpy 2.4.6: np.random.RandomState(7).permutation(10), RandomState(0).permutation(5)
        assertArrayEquals(new int[] {8, 5, 0, 2, 1, 9, 7, 3, 6, 4}, new NumpyRandomState(7).permutation(10));
        assertArrayEquals(new int[] {2, 0, 1, 3, 4}, new NumpyRandomState(0).permutation(5));
    }

    @Test
    void permutationIsAPermutation() {
        int[] p = new NumpyRandomState(11).permutation(15480);
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i]);
        }
        assertArrayEquals(new int[0], new NumpyRandomState(1).permutation(0));
        assertArrayEquals(new int[] {0}, new NumpyRandomState(1).permutation(1));
    }

    @Test
    void intervalStaysInRange() {
        NumpyRandomState random = new NumpyRandomState(3);
        for (int max : new int[] {0, 1, 2, 5, 1000, Integer.MAX_VALUE}) {
            for (int i = 0; i < 200; i++) {
                int v = random.interval(max);
                assertEquals(true, v >= 0 && v <= max, "interval(" + max + ") gave " + v);
            }
        }
    }

    @Test
    void seedsOutsideNumpysRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new NumpyRandomState(-1));
        assertThrows(IllegalArgumentException.class, () -> new NumpyRandomState(1L << 32));
        new NumpyRandomState((1L << 32) - 1).permutation(3);
    }
}
