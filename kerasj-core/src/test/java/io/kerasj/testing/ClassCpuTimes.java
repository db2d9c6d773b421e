package io.kerasj.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * With {@code -Dkerasj.test.cputimes=FILE}, appends one line per test class to FILE: the class, the CPU seconds of
 * the test JVM and of every process below it (Python children, the fork server's scripts, child JVMs) while the class
 * ran, its wall seconds and the JVM's pid. CPU time, unlike wall time, hardly depends on what else the machine runs,
 * so two builds can be compared on a shared machine (and the wall of an idle run against the CPU tells how much of a
 * second core a test JVM leaves unused). Linux only (it reads /proc); does nothing without the property. Registered
 * for all tests through JUnit's extension auto-detection (see {@code junit-platform.properties}).
 */
public final class ClassCpuTimes implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ClassCpuTimes.class);
    /** Linux's USER_HZ, the unit of the times in /proc/PID/stat. */
    private static final double TICKS_PER_SECOND = 100;

    @Override
    public void beforeAll(ExtensionContext context) {
        if (file() != null) {
            context.getStore(NAMESPACE).put("start", new long[] {treeTicks(), System.nanoTime()});
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        long[] start = context.getStore(NAMESPACE).remove("start", long[].class);
        Path file = file();
        if (start == null || file == null) {
            return;
        }
        String line = String.format(Locale.ROOT, "%s %.2f %.2f %d%n", context.getRequiredTestClass().getName(),
                (treeTicks() - start[0]) / TICKS_PER_SECOND, (System.nanoTime() - start[1]) / 1e9, ProcessHandle.current().pid());
        synchronized (ClassCpuTimes.class) {
            Files.writeString(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    private static Path file() {
        String file = System.getProperty("kerasj.test.cputimes", "");
        return file.isBlank() ? null : Path.of(file);
    }

    /**
     * This JVM's CPU ticks (its own and those of the children it has reaped) plus those of every live descendant: a
     * child's time moves into its parent's when the parent reaps it. Approximate at the edges: a child that lived
     * before the class started and is reaped during it counts whole, one reaped between the two reads is missed.
     */
    private static long treeTicks() {
        long ticks = ticks(ProcessHandle.current().pid());
        for (ProcessHandle child : ProcessHandle.current().descendants().toList()) {
            ticks += ticks(child.pid());
        }
        return ticks;
    }

    /** utime + stime + cutime + cstime of a process, 0 where it has gone. */
    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is the state, field 3 of proc(5); utime is field 14
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
