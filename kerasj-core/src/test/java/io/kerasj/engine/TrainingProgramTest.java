package io.kerasj.engine;

import io.kerasj.models.FitOptions;
import io.kerasj.models.Sequential;

import static org.assertj.core.api.Assertions.assertThat;

import io.kerasj.callbacks.History;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The training program runs whole batches in a loop of static shapes and an epoch's partial last batch in the loop
 * of dynamic shape: both must train to the very same numbers, and a chunk split between them must sum as one loop.
 */
class TrainingProgramTest {

    private static Sequential compiled(String optimizer) {
        Sequential model = SmallProblems.mlp(7);
        model.compile("sparse_categorical_crossentropy", optimizer, "accuracy");
        return model;
    }

    @Test
    void theStaticLoopTrainsToTheDynamicLoopsNumbers() {
        SmallProblems data = SmallProblems.blobs(100, 5);
        for (String optimizer : new String[] {"sgd", "adam"}) {
            // batch 100: one whole batch per epoch (static loop); batch 128: one partial batch of the same 100 samples
            try (Sequential whole = compiled(optimizer); Sequential partial = compiled(optimizer)) {
                History a = whole.fit(data.x, data.y, FitOptions.defaults().epochs(3).batchSize(100).verbose(0));
                History b = partial.fit(data.x, data.y, FitOptions.defaults().epochs(3).batchSize(128).verbose(0));
                assertThat(a.history()).as(optimizer).isEqualTo(b.history());
                assertWeightsEqual(whole.getWeights(), partial.getWeights());
                assertWeightsEqual(whole.getOptimizerState(), partial.getOptimizerState());
            }
        }
    }

    @Test
    void aChunkSplitBetweenTheLoopsTrainsAsOneStepPerCallDoes() {
        SmallProblems data = SmallProblems.blobs(100, 6); // batches of 32: three whole, then 4 samples
        try (Sequential chunked = compiled("adam"); Sequential stepwise = compiled("adam")) {
            History a = chunked.fit(data.x, data.y, FitOptions.defaults().epochs(2).verbose(0));
            History b = stepwise.fit(data.x, data.y, FitOptions.defaults().epochs(2).stepsPerExecution(1).verbose(0));
            assertWeightsEqual(chunked.getWeights(), stepwise.getWeights());
            assertWeightsEqual(chunked.getOptimizerState(), stepwise.getOptimizerState());
            // the running means differ only by where float32 sums were taken
            for (String key : List.of("loss", "accuracy")) {
                for (int e = 0; e < 2; e++) {
                    assertThat(a.history().get(key).get(e)).as(key).isCloseTo(b.history().get(key).get(e), org.assertj.core.api.Assertions.within(1e-6));
                }
            }
        }
    }

    private static void assertWeightsEqual(List<float[]> actual, List<float[]> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.size(); i++) {
            assertThat(actual.get(i)).as("variable %d", i).containsExactly(expected.get(i));
        }
    }
}
