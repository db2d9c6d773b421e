package io.kerasj.cli;

import io.kerasj.engine.InputChecks;
import io.kerasj.engine.Slices;
import io.kerasj.engine.Trainer;
import io.kerasj.engine.TrainingProgram;
import io.kerasj.models.Model;

import io.kerasj.runtime.Tensors;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;
import java.util.List;
import org.tensorflow.types.TInt32;

/**
 * The in-graph floor that {@code fit} is measured against: the very same compiled training step, run for a whole
 * epoch in one {@code Session.run}, with no callbacks, no validation and no progress. It trains the model.
 */
public final class TrainingFloor {
    private TrainingFloor() {
    }

    /**
     * Uploads the training set once and returns a runner that times whole epochs.
     *
     * @param model a compiled model
     * @param x training samples
     * @param y their labels
     * @param batchSize samples per step
     * @return a runner; close it to free the uploaded data
     */
    public static Runner start(Model model, FloatSamples x, int[] y, int batchSize) {
        InputChecks.samples("x", x, model.inputShape());
        TrainingProgram program = model.trainingProgram();
        return new Runner(program, x, program.targetFormats().get(0).check("y", Targets.classes(y), x.count()), batchSize);
    }

    /** Runs whole epochs in one native call each. */
    public static final class Runner implements AutoCloseable {
        private final TrainingProgram program;
        private final int count;
        private final int batchSize;
        private final int steps;

        private Runner(TrainingProgram program, FloatSamples x, Targets y, int batchSize) {
            this.program = program;
            this.count = y.count();
            this.batchSize = batchSize;
            this.steps = Slices.steps(count, batchSize);
            program.upload(List.of(x), List.of(y));
        }

        /** @return steps per epoch */
        public int steps() {
            return steps;
        }

        /**
         * @param epoch the epoch index (seeds the shuffle as {@code fit} does)
         * @param seed the shuffle seed
         * @return the seconds the epoch's native call took
         */
        public double epochSeconds(int epoch, long seed) {
            try (TInt32 order = Tensors.ints(Trainer.epochOrder(count, true, seed, epoch), count)) {
                long start = System.nanoTime();
                program.run(order, 0, steps, batchSize);
                return (System.nanoTime() - start) / 1e9;
            }
        }

        @Override
        public void close() {
            program.releaseData();
        }
    }
}
