package io.kerasj.cli;

import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import io.kerasj.engine.Slices;
import io.kerasj.models.Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The train-on-batch side of {@code kerasj bench --train-on-batch}: {@code model.trainOnBatch} called on each batch
 * of the training set in turn, against the step itself, the per-step time of the in-graph fit loop
 * ({@link TrainingFloor}) on the same model, batch size and data. The two take turns round by round, each round
 * starting with the other one, after one warm-up round of each; the result is the median of the rounds.
 */
final class TrainOnBatchBench {

    /**
     * @param msPerCall median ms per {@code trainOnBatch} call
     * @param stepMs median ms per step of the in-graph fit loop
     * @param calls calls per round (the steps of an epoch)
     * @param rounds measured rounds of each side
     * @param callRounds each measured round's ms per call
     * @param stepRounds each measured round's ms per step
     */
    record Result(double msPerCall, double stepMs, int calls, int rounds, List<Double> callRounds, List<Double> stepRounds) {
        /** @return what a call costs above the step itself */
        double overheadMs() {
            return msPerCall - stepMs;
        }
    }

    private TrainOnBatchBench() {
    }

    /**
     * @param model a compiled model; it is trained
     * @param x the training samples
     * @param y their labels
     * @param batchSize samples per call and per step
     * @param rounds measured rounds of each side, after one warm-up round each
     * @param seed the floor's shuffle seed
     * @return the medians
     */
    static Result measure(Model model, FloatSamples x, int[] y, int batchSize, int rounds, long seed) {
        List<FloatSamples> xs = new ArrayList<>();
        List<Targets> ys = new ArrayList<>();
        for (int[] slice : Slices.of(x.count(), batchSize)) {
            xs.add(x.slice(slice[0], slice[0] + slice[1]));
            ys.add(Targets.classes(Arrays.copyOfRange(y, slice[0], slice[0] + slice[1])));
        }
        List<Double> callTimes = new ArrayList<>();
        List<Double> stepTimes = new ArrayList<>();
        int steps;
        try (TrainingFloor.Runner floor = TrainingFloor.start(model, x, y, batchSize)) {
            steps = floor.steps();
            for (int round = 0; round <= rounds; round++) {
                for (int turn = 0; turn < 2; turn++) {
                    if ((round + turn) % 2 == 0) {
                        callTimes.add(onBatchRound(model, xs, ys));
                    } else {
                        stepTimes.add(floor.epochSeconds(round, seed) * 1000 / steps);
                    }
                }
            }
        }
        List<Double> calls = List.copyOf(callTimes.subList(1, callTimes.size()));
        List<Double> stepsMs = List.copyOf(stepTimes.subList(1, stepTimes.size()));
        return new Result(BenchCommand.median(calls), BenchCommand.median(stepsMs), xs.size(), rounds, calls, stepsMs);
    }

    /** @return ms per call over one pass of {@code trainOnBatch} over all the batches */
    private static double onBatchRound(Model model, List<FloatSamples> xs, List<Targets> ys) {
        long start = System.nanoTime();
        for (int b = 0; b < xs.size(); b++) {
            model.trainOnBatch(xs.get(b), ys.get(b));
        }
        return (System.nanoTime() - start) / 1e6 / xs.size();
    }
}
