package io.kerasj.callbacks;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * One progress bar, drawn as TF 2.3's {@code keras.utils.Progbar} draws it, for one epoch or one evaluation.
 * {@link ProgressLogger} creates one per epoch; other loops (e.g. predict) may use it directly.
 *
 * <p>Rules copied from Keras's source:
 * <ul>
 *   <li>bar: {@code %<n>d/%d [} with n = floor(log10(target)) + 1, then 30 cells: {@code int(30 * current /
 *       target)} cells filled, the last of them {@code >} while {@code current < target}, the rest {@code .};
 *       {@code %7d/Unknown} when the target is not known;</li>
 *   <li>final line: {@code  - %.0fs} elapsed, then the time per step as {@code %.0fs/step} (≥ 1 s or 0),
 *       {@code %.0fms/step} (≥ 1 ms) or {@code %.0fus/step};</li>
 *   <li>intermediate line: {@code  - ETA: 3s}, {@code 1:05} above 60 s, {@code 1:00:05} above 3600 s, drawn in
 *       place after {@code \r} at most every 0.05 s, padded with spaces when shorter than the previous one;</li>
 *   <li>metrics: {@code  - name: %.4f}, or {@code %.4e} when |value| ≤ 1e-3 (verbose 2: when value ≤ 1e-3,
 *       Keras's test there has no {@code abs});</li>
 *   <li>verbose 2 prints only {@code 1719/1719 - 2s - loss: ...} at the end.</li>
 * </ul>
 * Values are displayed as given (the caller passes running means, as Keras's stateful metrics). Numbers are
 * rounded as Python does (half-to-even on the exact binary value). Differences from Keras: a dynamic display is
 * rewound with {@code \r} alone (Keras also writes backspaces first), and a non-dynamic display prints only the
 * final line, with no blank line before it.
 */
public final class Progbar {

    /** Bar width in cells, as Keras's default. */
    public static final int WIDTH = 30;
    /** Minimum time between two intermediate redraws, in nanoseconds (Keras's {@code interval=0.05}). */
    public static final long INTERVAL_NANOS = 50_000_000L;

    private final PrintStream out;
    private final int verbose;
    private final boolean dynamic;
    private final LongSupplier nanoClock;
    private final String unitName;
    private final long start;
    private final Map<String, Double> values = new LinkedHashMap<>();
    private int target;
    private long lastUpdate;
    private boolean updatedOnce;
    private int totalWidth;

    /**
     * Starts the bar's clock now.
     *
     * @param out where to print
     * @param target the number of steps, or 0 or less when unknown
     * @param verbose 0 silent, 1 bar, 2 one line at the end
     * @param dynamic true to redraw in place with {@code \r} (a terminal), false to print only the final line
     * @param nanoClock time source in nanoseconds, e.g. {@code System::nanoTime}
     * @param unitName the unit after the time per unit, {@code "step"} in Keras's fit and evaluate
     */
    public Progbar(PrintStream out, int target, int verbose, boolean dynamic, LongSupplier nanoClock, String unitName) {
        this.out = Objects.requireNonNull(out, "out");
        this.target = Math.max(target, 0);
        this.verbose = verbose;
        this.dynamic = dynamic;
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.unitName = Objects.requireNonNull(unitName, "unitName");
        this.start = nanoClock.getAsLong();
    }

    /** @return the number of steps, 0 when unknown */
    public int target() {
        return target;
    }

    /**
     * Sets the number of steps once it is known (Keras learns it at the end of the first epoch).
     *
     * @param target the number of steps, or 0 when unknown
     */
    public void setTarget(int target) {
        this.target = Math.max(target, 0);
    }

    /**
     * Records the values and redraws the bar when due.
     *
     * @param current the number of steps done
     * @param logs metric values to display as given; keys keep the order in which they first appear
     * @param finalize true for the last update: prints the final line and a newline
     */
    public void update(int current, Map<String, Double> logs, boolean finalize) {
        if (logs != null) {
            values.putAll(logs);
        }
        long now = nanoClock.getAsLong();
        double elapsed = (now - start) / 1e9;
        String info = " - " + PyFormat.fixed(elapsed, 0) + "s";
        if (verbose == 1) {
            if (!finalize && updatedOnce && now - lastUpdate < INTERVAL_NANOS) {
                return;
            }
            if (dynamic || finalize) {
                draw(current, elapsed, info, finalize);
            }
        } else if (verbose == 2 && finalize) {
            StringBuilder line = new StringBuilder(count(current)).append(info);
            values.forEach((name, value) -> line.append(" - ").append(name).append(": ")
                    .append(value > 1e-3 ? PyFormat.fixed(value, 4) : PyFormat.scientific(value, 4)));
            out.print(line.append('\n'));
            out.flush();
        }
        lastUpdate = now;
        updatedOnce = true;
    }

    private void draw(int current, double elapsed, String elapsedInfo, boolean finalize) {
        int previousWidth = totalWidth;
        StringBuilder line = new StringBuilder();
        if (dynamic) {
            line.append('\r');
        }
        String bar = target > 0 ? bar(current) : String.format(Locale.ROOT, "%7d/Unknown", current);
        totalWidth = bar.length();
        line.append(bar);
        double timePerUnit = current > 0 ? elapsed / current : 0;
        StringBuilder info = new StringBuilder();
        if (target <= 0 || finalize) {
            info.append(elapsedInfo).append(timePerUnit(timePerUnit));
        } else {
            info.append(" - ETA: ").append(eta(timePerUnit * (target - current)));
        }
        values.forEach((name, value) -> info.append(" - ").append(name).append(": ").append(metric(value)));
        totalWidth += info.length();
        if (previousWidth > totalWidth) {
            info.append(" ".repeat(previousWidth - totalWidth));
        }
        if (finalize) {
            info.append('\n');
        }
        out.print(line.append(info));
        out.flush();
    }

    private String count(int current) {
        int digits = (int) Math.floor(Math.log10(Math.max(target, 1))) + 1;
        return String.format(Locale.ROOT, "%" + digits + "d/%d", current, target);
    }

    private String bar(int current) {
        StringBuilder bar = new StringBuilder(count(current)).append(" [");
        int progWidth = (int) (WIDTH * ((double) current / target));
        if (progWidth > 0) {
            bar.append("=".repeat(progWidth - 1)).append(current < target ? '>' : '=');
        }
        bar.append(".".repeat(Math.max(0, WIDTH - progWidth)));
        return bar.append(']').toString();
    }

    private String timePerUnit(double seconds) {
        if (seconds >= 1 || seconds == 0) {
            return " " + PyFormat.fixed(seconds, 0) + "s/" + unitName;
        }
        if (seconds >= 1e-3) {
            return " " + PyFormat.fixed(seconds * 1e3, 0) + "ms/" + unitName;
        }
        return " " + PyFormat.fixed(seconds * 1e6, 0) + "us/" + unitName;
    }

    /**
     * @param eta seconds left
     * @return Keras's ETA text: {@code 3s}, {@code 1:05} above 60 s, {@code 1:00:05} above 3600 s
     */
    static String eta(double eta) {
        if (eta > 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", PyFormat.truncate(Math.floor(eta / 3600)),
                    PyFormat.truncate(Math.floor((eta % 3600) / 60)), PyFormat.truncate(eta % 60));
        }
        if (eta > 60) {
            return String.format(Locale.ROOT, "%d:%02d", PyFormat.truncate(Math.floor(eta / 60)),
                    PyFormat.truncate(eta % 60));
        }
        return PyFormat.truncate(eta) + "s";
    }

    /**
     * @param value a metric value
     * @return {@code %.4f}, or {@code %.4e} when |value| ≤ 1e-3, as Keras's verbose-1 bar
     */
    static String metric(double value) {
        return Math.abs(value) > 1e-3 ? PyFormat.fixed(value, 4) : PyFormat.scientific(value, 4);
    }
}
