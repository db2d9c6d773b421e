package io.kerasj.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.layers.Naming;
import io.kerasj.losses.Loss;
import io.kerasj.models.Sequential;
import io.kerasj.pipeline.Element;
import io.kerasj.pipeline.HostArray;
import io.kerasj.pipeline.Pipeline;
import io.kerasj.pipeline.PipelineException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the training batches of a pipeline are cut into the in-graph loop's chunks, epoch by epoch. */
class ChunkFeedTest {
    private Sequential model;

    @BeforeEach
    void model() {
        Naming.clearSession();
        model = SmallProblems.mlp(1);
    }

    @AfterEach
    void close() {
        model.close();
    }

    private ChunkFeed feed(Pipeline pipeline, int stepsPerEpoch) {
        List<TargetFormat> formats = List.of(TargetFormat.of(Loss.of("sparse_categorical_crossentropy"), new long[] {SmallProblems.CLASSES}));
        return new ChunkFeed(pipeline, new ElementLayout("x", pipeline, model.network(), formats), stepsPerEpoch);
    }

    private static Pipeline rows(int n, int batch) {
        float[] x = new float[n * SmallProblems.FEATURES];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        return Pipeline.fromTensorSlices(HostArray.ofFloats(x, n, SmallProblems.FEATURES), HostArray.ofInts(new int[n], n)).batch(batch);
    }

    private static Element batchOf(int rows) {
        return Element.of(HostArray.ofFloats(new float[rows * SmallProblems.FEATURES], rows, SmallProblems.FEATURES), HostArray.ofInts(new int[rows], rows));
    }

    /** @return each chunk's batch sizes, "out" when the pass ran out early */
    private static List<String> epoch(ChunkFeed feed, int epoch, ChunkPlan plan) {
        feed.startEpoch(epoch, plan);
        List<String> chunks = new ArrayList<>();
        for (ChunkFeed.Chunk chunk = feed.next(); chunk != null; chunk = feed.next()) {
            chunks.add((chunk.batches() == null ? "" : Arrays.toString(chunk.batches().batchSizes())) + (chunk.ranOut() ? " out" : ""));
            if (chunk.ranOut()) {
                break;
            }
        }
        return chunks;
    }

    @Test
    void aPassIsCutWhereThePlanEndsChunksAndItsRowsStayInOrder() {
        try (ChunkFeed feed = feed(rows(200, 32), 0)) {
            assertThat(feed.knownSteps()).isEqualTo(7);
            assertThat(epoch(feed, 0, new ChunkPlan(3, new int[0], 0)))
                    .containsExactly("[32, 32, 32]", "[32, 32, 32]", "[8]");
            feed.startEpoch(1, new ChunkPlan(256, new int[0], 7));
            PipelineBatch all = feed.next().batches();
            assertThat(all.batchSizes()).containsExactly(32, 32, 32, 32, 32, 32, 8);
            assertThat(all.x().get(0).floats()[4 * 199]).isEqualTo(4f * 199 * SmallProblems.FEATURES / 4);
            assertThat(feed.next()).isNull();
        }
    }

    @Test
    void aSmallerBatchEndsItsChunkAndALargerOneStartsTheNext() {
        List<Element> batches = List.of(batchOf(10), batchOf(10), batchOf(5), batchOf(20), batchOf(20), batchOf(20));
        try (ChunkFeed feed = feed(Pipeline.fromGenerator(batches::iterator), 0)) {
            assertThat(feed.knownSteps()).isZero();
            assertThat(epoch(feed, 0, new ChunkPlan(8, new int[0], 0))).containsExactly("[10, 10, 5]", "[20, 20, 20]");
        }
        List<Element> growing = List.of(batchOf(5), batchOf(10), batchOf(10));
        try (ChunkFeed feed = feed(Pipeline.fromGenerator(growing::iterator), 0)) {
            assertThat(epoch(feed, 0, new ChunkPlan(8, new int[0], 0))).containsExactly("[5]", "[10, 10]");
        }
    }

    @Test
    void stepsPerEpochContinuesThePassAndAPassThatRunsOutEndsTheEpochAsKeras() {
        try (ChunkFeed feed = feed(rows(200, 32), 5)) {
            assertThat(epoch(feed, 0, new ChunkPlan(256, new int[0], 0))).containsExactly("[32, 32, 32, 32, 32]");
            assertThat(epoch(feed, 1, new ChunkPlan(256, new int[0], 5))).containsExactly("[32, 8] out");
            assertThat(epoch(feed, 2, new ChunkPlan(256, new int[0], 7))).containsExactly("[32, 32, 32, 32, 32]");
        }
        try (ChunkFeed feed = feed(rows(192, 32), 3)) { // a pass of 6 ends exactly with epoch 2: epoch 3 starts a new one
            assertThat(epoch(feed, 0, new ChunkPlan(256, new int[0], 0))).containsExactly("[32, 32, 32]");
            assertThat(epoch(feed, 1, new ChunkPlan(256, new int[0], 3))).containsExactly("[32, 32, 32]");
            assertThat(epoch(feed, 2, new ChunkPlan(256, new int[0], 6))).containsExactly("[32, 32, 32]");
        }
    }

    @Test
    void aGeneratorsExceptionSurfacesUnchangedAndAnEmptyPassIsRefused() {
        IllegalStateException failure = new IllegalStateException("boom");
        Iterator<Element> failing = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Element next() {
                throw failure;
            }
        };
        try (ChunkFeed feed = feed(Pipeline.fromGenerator(() -> failing), 0)) {
            feed.startEpoch(0, new ChunkPlan(4, new int[0], 0));
            assertThatThrownBy(feed::next).isSameAs(failure);
        }
        try (ChunkFeed feed = feed(rows(0, 32), 0)) {
            feed.startEpoch(0, new ChunkPlan(4, new int[0], 0));
            assertThatThrownBy(feed::next).isInstanceOf(PipelineException.class).hasMessageContaining("gave no batch in epoch 1");
        }
    }
}
