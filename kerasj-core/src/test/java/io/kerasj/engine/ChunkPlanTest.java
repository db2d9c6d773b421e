package io.kerasj.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkPlanTest {

    private static List<Integer> ends(ChunkPlan plan, int steps) {
        List<Integer> ends = new ArrayList<>();
        for (int from = 0; from < steps; from = ends.get(ends.size() - 1)) {
            ends.add(plan.end(from, steps));
        }
        return ends;
    }

    @Test
    void withoutPeriodsChunksAreAtMostPerCallSteps() {
        assertThat(ends(new ChunkPlan(256, new int[0], 0), 600)).containsExactly(256, 512, 600);
    }

    @Test
    void chunksEndAtEveryMultipleOfThePeriodCountedAcrossEpochs() {
        // 10 steps per epoch, period 4: fit-wide batches 4, 8 | 12, 16, 20 | 24, 28
        assertThat(ends(new ChunkPlan(256, new int[] {4}, 0), 10)).containsExactly(4, 8, 10);
        assertThat(ends(new ChunkPlan(256, new int[] {4}, 10), 10)).containsExactly(2, 6, 10);
        assertThat(ends(new ChunkPlan(256, new int[] {4}, 20), 10)).containsExactly(4, 8, 10);
    }

    @Test
    void aLongPeriodStillKeepsTheCallLimitAndSeveralPeriodsCombine() {
        assertThat(ends(new ChunkPlan(3, new int[] {5}, 0), 11)).containsExactly(3, 5, 8, 10, 11);
        assertThat(ends(new ChunkPlan(256, new int[] {2, 3}, 0), 7)).containsExactly(2, 3, 4, 6, 7);
    }

    @Test
    void refusesANonPositiveCallLimit() {
        assertThatThrownBy(() -> new ChunkPlan(0, new int[0], 0)).hasMessageContaining("steps_per_execution");
    }
}
