package io.kerasj.callbacks;

import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Prints Keras's progress output, as TF 2.3's {@code ProgbarLogger} with {@link Progbar}:
 * <pre>
 * Epoch 1/10
 * 1719/1719 [==============================] - 2s 1ms/step - loss: 0.7131 - accuracy: 0.7650 - val_loss: 0.5365 - val_accuracy: 0.8132
 * </pre>
 * and, for {@code evaluate}, {@code 313/313 [==============================] - 0s 1ms/step - loss: 0.3891 - accuracy: 0.8618}.
 *
 * <h2>How it learns the number of steps</h2>
 * <ul>
 *   <li><b>fit</b>: {@link #setParams} with {@code "steps"} (steps per epoch, e.g. 1719) and {@code "epochs"}.
 *       {@code "Epoch i/n"} is printed before each epoch only when {@code epochs > 1}, as Keras does.</li>
 *   <li><b>evaluate</b> (test hooks outside fit): the first of {@link #setTestSteps(int)}, params
 *       {@code "test_steps"}, params {@code "steps"} (Keras's evaluate passes its own params whose
 *       {@code steps} is the number of evaluation batches, e.g. 313).</li>
 *   <li>When no count is known the bar shows {@code 123/Unknown} until the end, where the count seen becomes the
 *       target (and, for fit, the target of later epochs), as Keras does.</li>
 * </ul>
 * Between {@code onTrainBegin} and {@code onTrainEnd} the test hooks are ignored: validation inside fit is silent
 * and its results appear on the epoch line.
 *
 * <h2>Display</h2>
 * Verbose 0 prints nothing; 1 prints the bar; 2 prints {@code 1719/1719 - 2s - loss: ...} once per epoch. With a
 * dynamic display (a terminal) the bar is redrawn in place with {@code \r} and an ETA at most every 0.05 s;
 * otherwise only the final line of each epoch is printed. The {@code verbose} of {@link #setParams} is ignored: the
 * constructor's level rules.
 *
 * <p>The clock starts at {@code onEpochBegin} / {@code onTestBegin} (as TF 2.4+; TF 2.3 started it after the first
 * batch), so the elapsed time includes validation, as in Keras.
 */
public final class ProgressLogger implements Callback {

    /** Params key of the number of training steps per epoch (and of evaluation steps in evaluate's params). */
    public static final String STEPS = "steps";
    /** Params key of the number of epochs. */
    public static final String EPOCHS = "epochs";
    /** Params key of the number of evaluation steps, read by the test hooks before {@link #STEPS}. */
    public static final String TEST_STEPS = "test_steps";

    private final PrintStream out;
    private final int verbose;
    private final boolean dynamic;
    private final LongSupplier nanoClock;

    private int epochs = 1;
    private int steps;
    private int paramTestSteps;
    private int explicitTestSteps;
    private boolean calledInFit;
    private Progbar progbar;
    private int seen;

    /** Prints a bar (verbose 1) to {@code System.out}, dynamic when a console is attached. */
    public ProgressLogger() {
        this(1);
    }

    /**
     * Prints to {@code System.out}, dynamic when a console is attached.
     *
     * @param verbose 0 silent, 1 bar, 2 one line per epoch
     */
    public ProgressLogger(int verbose) {
        this(System.out, verbose, System.console() != null);
    }

    /**
     * @param out where to print
     * @param verbose 0 silent, 1 bar, 2 one line per epoch
     * @param dynamic true to redraw the bar in place (a terminal), false to print only final lines (a log file)
     */
    public ProgressLogger(PrintStream out, int verbose, boolean dynamic) {
        this(out, verbose, dynamic, System::nanoTime);
    }

    /**
     * @param out where to print
     * @param verbose 0 silent, 1 bar, 2 one line per epoch
     * @param dynamic true to redraw the bar in place (a terminal), false to print only final lines (a log file)
     * @param nanoClock time source in nanoseconds ({@code System::nanoTime}; tests inject a fake)
     * @throws IllegalArgumentException if verbose is not 0, 1 or 2
     */
    public ProgressLogger(PrintStream out, int verbose, boolean dynamic, LongSupplier nanoClock) {
        if (verbose < 0 || verbose > 2) {
            throw new IllegalArgumentException("expected verbose 0, 1 or 2, found " + verbose);
        }
        this.out = Objects.requireNonNull(out, "out");
        this.verbose = verbose;
        this.dynamic = dynamic;
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /**
     * Sets the number of evaluation steps; it wins over the params.
     *
     * @param steps the number of batches evaluate runs, or 0 to fall back on the params
     */
    public void setTestSteps(int steps) {
        this.explicitTestSteps = Math.max(steps, 0);
    }

    /** {@inheritDoc} Reads {@code epochs}, {@code steps} and {@code test_steps}. */
    @Override
    public void setParams(Map<String, Object> params) {
        if (params == null) {
            return;
        }
        epochs = intParam(params, EPOCHS, 1);
        steps = intParam(params, STEPS, 0);
        paramTestSteps = intParam(params, TEST_STEPS, 0);
    }

    /** {@inheritDoc} From here on, test hooks belong to validation and are silent. */
    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        calledInFit = true;
    }

    /** {@inheritDoc} Test hooks print again (for a later evaluate). */
    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        calledInFit = false;
    }

    /** {@inheritDoc} Prints {@code Epoch i/n} when there are several epochs and starts a new bar. */
    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        startBar(steps);
        if (verbose > 0 && epochs > 1) {
            out.print("Epoch " + (epoch + 1) + "/" + epochs + "\n");
            out.flush();
        }
    }

    /** {@inheritDoc} Redraws the bar when due. */
    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        batchUpdate(batch, logs);
    }

    /** {@inheritDoc} Prints the epoch's final line. */
    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        int learned = finish(logs);
        if (steps <= 0) {
            steps = learned;
        }
    }

    /** {@inheritDoc} Outside fit: starts the evaluation bar. */
    @Override
    public void onTestBegin(Map<String, Double> logs) {
        if (!calledInFit) {
            startBar(testSteps());
        }
    }

    /** {@inheritDoc} Outside fit: redraws the bar when due. */
    @Override
    public void onTestBatchEnd(int batch, Map<String, Double> logs) {
        if (!calledInFit) {
            batchUpdate(batch, logs);
        }
    }

    /** {@inheritDoc} Outside fit: prints the evaluation's final line. */
    @Override
    public void onTestEnd(Map<String, Double> logs) {
        if (!calledInFit) {
            finish(logs);
        }
    }

    private int testSteps() {
        if (explicitTestSteps > 0) {
            return explicitTestSteps;
        }
        return paramTestSteps > 0 ? paramTestSteps : steps;
    }

    private void startBar(int target) {
        seen = 0;
        progbar = new Progbar(out, target, verbose, dynamic, nanoClock, "step");
    }

    private void batchUpdate(int batch, Map<String, Double> logs) {
        if (progbar == null) {
            startBar(steps);
        }
        seen = batch + 1;
        if (verbose == 1) {
            progbar.update(seen, logs, false);
        }
    }

    private int finish(Map<String, Double> logs) {
        if (progbar == null) {
            startBar(steps);
        }
        if (progbar.target() <= 0) {
            progbar.setTarget(seen);
        }
        progbar.update(seen, logs, true);
        progbar = null;
        return seen;
    }

    private static int intParam(Map<String, Object> params, String key, int fallback) {
        Object value = params.get(key);
        return value instanceof Number number ? number.intValue() : fallback;
    }
}
