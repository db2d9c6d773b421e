package io.kerasj.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BatchShapeToleranceTest {

    @Test
    void acceptsTheLastBitsOfADifferentBatchShapeAndRejectsWrongValues() {
        // measured on an AMD EPYC: one image served in a batch of 10 and in predict's batch of 100
        assertThat(BatchShapeTolerance.accepts(0.9939469f, 0.99394697f)).isTrue();
        assertThat(BatchShapeTolerance.accepts(1.5950987E-7f, 1.5950954E-7f)).isTrue();
        assertThat(BatchShapeTolerance.accepts(0.9086186f, 0.9086185f)).isTrue();
        assertThat(BatchShapeTolerance.accepts(1000.005f, 1000f)).isTrue();
        assertThat(BatchShapeTolerance.accepts(0.99f, 0.98f)).isFalse();
        assertThat(BatchShapeTolerance.accepts(3e-5f, 1e-5f)).isFalse();
        assertThat(BatchShapeTolerance.accepts(1000.1f, 1000f)).isFalse();
        assertThat(BatchShapeTolerance.accepts(Float.NaN, Float.NaN)).isTrue();
        assertThat(BatchShapeTolerance.accepts(Float.NaN, 0f)).isFalse();
        assertThat(BatchShapeTolerance.accepts(Float.POSITIVE_INFINITY, Float.MAX_VALUE)).isFalse();
    }

    @Test
    void rowsAgreeOnlyWithTheSameLengthAndEveryValueAccepted() {
        assertThat(BatchShapeTolerance.accepts(new float[] {0.1f, 0.9f}, new float[] {0.1000001f, 0.8999999f})).isTrue();
        assertThat(BatchShapeTolerance.accepts(new float[] {0.1f, 0.9f}, new float[] {0.9f, 0.1f})).isFalse();
        assertThat(BatchShapeTolerance.accepts(new float[] {0.1f}, new float[] {0.1f, 0.9f})).isFalse();
    }

    @Test
    void itsComparatorLetsAssertjCompareRows() {
        assertThat(new float[] {0.9939469f, 4.6593123E-5f}).usingElementComparator(BatchShapeTolerance.comparator())
                .containsExactly(0.99394697f, 4.6593126E-5f);
        assertThatThrownBy(() -> assertThat(new float[] {0.5f, 0.5f}).usingElementComparator(BatchShapeTolerance.comparator())
                .containsExactly(0.5f, 0.4f)).isInstanceOf(AssertionError.class);
    }
}
