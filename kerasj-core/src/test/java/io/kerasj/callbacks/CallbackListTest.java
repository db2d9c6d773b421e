package io.kerasj.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallbackListTest {

    private record Recorder(String name, List<String> calls) implements Callback {
        @Override
        public void setModel(TrainingModel model) {
            calls.add(name + ".setModel");
        }

        @Override
        public void setParams(Map<String, Object> params) {
            calls.add(name + ".setParams" + params.get("epochs"));
        }

        @Override
        public void onTrainBegin(Map<String, Double> logs) {
            calls.add(name + ".trainBegin");
        }

        @Override
        public void onTrainEnd(Map<String, Double> logs) {
            calls.add(name + ".trainEnd");
        }

        @Override
        public void onEpochBegin(int epoch, Map<String, Double> logs) {
            calls.add(name + ".epochBegin" + epoch);
        }

        @Override
        public void onEpochEnd(int epoch, Map<String, Double> logs) {
            calls.add(name + ".epochEnd" + epoch + logs.get("loss"));
        }

        @Override
        public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
            calls.add(name + ".batchBegin" + batch);
        }

        @Override
        public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
            calls.add(name + ".batchEnd" + batch);
        }

        @Override
        public void onTestBegin(Map<String, Double> logs) {
            calls.add(name + ".testBegin");
        }

        @Override
        public void onTestBatchEnd(int batch, Map<String, Double> logs) {
            calls.add(name + ".testBatchEnd" + batch);
        }

        @Override
        public void onTestEnd(Map<String, Double> logs) {
            calls.add(name + ".testEnd");
        }
    }

    @Test
    void forwardsEveryHookToEveryMemberInOrder() {
        List<String> calls = new ArrayList<>();
        CallbackList list = new CallbackList(new Recorder("a", calls)).add(new Recorder("b", calls));
        list.setModel(null);
        list.setParams(Map.of("epochs", 3));
        list.onTrainBegin(Map.of());
        list.onEpochBegin(0, Map.of());
        list.onTrainBatchBegin(0, Map.of());
        list.onTrainBatchEnd(7, Map.of());
        list.onTestBegin(Map.of());
        list.onTestBatchEnd(2, Map.of());
        list.onTestEnd(Map.of());
        list.onEpochEnd(0, Map.of("loss", 0.5));
        list.onTrainEnd(Map.of());
        assertThat(calls).containsExactly("a.setModel", "b.setModel", "a.setParams3", "b.setParams3",
                "a.trainBegin", "b.trainBegin", "a.epochBegin0", "b.epochBegin0", "a.batchBegin0", "b.batchBegin0",
                "a.batchEnd7", "b.batchEnd7", "a.testBegin", "b.testBegin", "a.testBatchEnd2", "b.testBatchEnd2",
                "a.testEnd", "b.testEnd", "a.epochEnd00.5", "b.epochEnd00.5", "a.trainEnd", "b.trainEnd");
        assertThat(list.size()).isEqualTo(2);
        assertThat(list.callbacks()).extracting(c -> ((Recorder) c).name()).containsExactly("a", "b");
    }

    @Test
    void historyAndLoggerWorkTogetherThroughTheList() {
        History history = new History();
        CallbackList list = new CallbackList(List.of(history));
        list.onTrainBegin(Map.of());
        list.onEpochEnd(0, Map.of("loss", 0.5));
        assertThat(history.history().get("loss")).containsExactly(0.5);
    }
}
