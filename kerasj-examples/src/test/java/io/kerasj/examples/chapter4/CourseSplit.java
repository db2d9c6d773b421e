package io.kerasj.examples.chapter4;

import io.kerasj.data.Split;
import io.kerasj.datasets.CaliforniaHousing;
import io.kerasj.testing.CaliforniaHousingData;

/** The course's split of the shared California housing, read once per test run (skipping, said why, without it). */
final class CourseSplit {
    private static Split split;

    private CourseSplit() {
    }

    static synchronized Split get() {
        if (split == null) {
            split = CaliforniaHousing.withDefaults(CaliforniaHousingData.dir()).notebookSplit();
        }
        return split;
    }
}
