package io.kerasj.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoopVariablesTest {

    @Test
    void everyLoopVariableHasItsOwnPlaceAndTheyFillTheLoop() {
        LoopVariables layout = new LoopVariables(2, 3);
        Set<Integer> places = new HashSet<>();
        for (LoopVariables.Slot slot : LoopVariables.Slot.values()) {
            places.add(layout.index(slot));
        }
        for (int m = 0; m < 2; m++) {
            places.add(layout.metric(m));
        }
        for (int i = 0; i < 3; i++) {
            places.add(layout.state(i));
            places.add(layout.stateBefore(i));
        }
        assertThat(layout.size()).isEqualTo(LoopVariables.Slot.values().length + 2 + 2 * 3);
        assertThat(places).hasSize(layout.size()).allMatch(i -> i >= 0 && i < layout.size());
        assertThat(layout.stateBefore(0)).isEqualTo(layout.state(2) + 1);
    }
}
