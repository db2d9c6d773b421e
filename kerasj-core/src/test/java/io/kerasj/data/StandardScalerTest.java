package io.kerasj.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StandardScalerTest {

    @Test
    void populationStatisticsAndTransform() {
        double[] rows = {1, 10, 2, 10, 3, 10, 4, 10};
        StandardScaler scaler = StandardScaler.fit(rows, 2);
        assertArrayEquals(new double[] {2.5, 10}, scaler.mean(), 0);
        assertArrayEquals(new double[] {Math.sqrt(1.25), 1.0}, scaler.scale(), 1e-15, "ddof=0; a constant column gets 1");
        double s = Math.sqrt(1.25);
        assertArrayEquals(new double[] {-1.5 / s, 0, -0.5 / s, 0, 0.5 / s, 0, 1.5 / s, 0}, scaler.transform(rows), 1e-15);
        assertArrayEquals(new double[] {(7 - 2.5) / s, -1}, scaler.transform(new double[] {7, 9}), 1e-15);
    }

    @Test
    void partialRowsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> StandardScaler.fit(new double[] {1, 2, 3}, 2));
        assertThrows(IllegalArgumentException.class, () -> StandardScaler.fit(new double[0], 2));
        StandardScaler scaler = StandardScaler.fit(new double[] {1, 2}, 2);
        assertThrows(IllegalArgumentException.class, () -> scaler.transform(new double[] {1}));
    }
}
