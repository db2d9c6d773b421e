package io.kerasj.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs reference scripts through {@code python-reference/zygote.py}, one per test JVM: it imports TensorFlow and
 * Keras once and forks a child per script, which then starts without those 5 s of imports. A script's output, exit
 * code and timeout are those of {@link PythonKeras#run}; {@code -Dkerasj.python.zygote=false} runs each script as a
 * process of its own instead. Where the server cannot start or has died, {@link #get()} returns null and the
 * caller starts the process itself.
 */
final class PythonZygote {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static PythonZygote instance;
    private static boolean failed;

    private final Process process;
    private final Writer requests;
    private final Path log;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<Long>> pids = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<Integer>> exits = new ConcurrentHashMap<>();
    private volatile boolean ended;

    private PythonZygote(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.requests = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readReplies, "python-zygote-replies");
        reader.setDaemon(true);
        reader.start();
    }

    /** @return the JVM's server, started at the first call; null where it is turned off, cannot start or has died */
    static synchronized PythonZygote get(Path python, Path repo) {
        if (failed || !Boolean.parseBoolean(System.getProperty("kerasj.python.zygote", "true"))) {
            return null;
        }
        if (instance != null && instance.process.isAlive()) {
            return instance;
        }
        if (instance != null) {
            System.out.println("python zygote: the server died (" + instance.log + "); scripts run as processes of their own");
            failed = true;
            return null;
        }
        try {
            Path log = Files.createTempFile("kerasj-python-zygote-", ".log");
            ProcessBuilder pb = new ProcessBuilder(python.toString(), repo.resolve("python-reference/zygote.py").toString())
                    .directory(repo.toFile()).redirectError(log.toFile());
            pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
            Process process = pb.start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            instance = new PythonZygote(process, log);
            return instance;
        } catch (IOException e) {
            System.out.println("python zygote: cannot start (" + e + "); scripts run as processes of their own");
            failed = true;
            return null;
        }
    }

    /**
     * Runs the script in a fork of the server, its standard output and error into the two files.
     *
     * @return the script's exit code
     * @throws TimeoutException when it has not ended within the timeout (it is then killed)
     * @throws IOException when the server does not answer
     */
    int run(long timeoutSeconds, Path script, List<String> args, Path cwd, Path stdout, Path stderr)
            throws IOException, TimeoutException, InterruptedException {
        long id = ids.incrementAndGet();
        CompletableFuture<Long> pid = pids.computeIfAbsent(id, k -> new CompletableFuture<>());
        CompletableFuture<Integer> exit = exits.computeIfAbsent(id, k -> new CompletableFuture<>());
        ObjectNode request = JSON.createObjectNode().put("id", id).put("script", script.toString()).put("cwd", cwd.toString())
                .put("stdout", stdout.toString()).put("stderr", stderr.toString());
        args.forEach(request.putArray("args")::add);
        if (ended) {
            throw new IOException("python zygote: the server has ended (its log: " + log + ")");
        }
        synchronized (requests) {
            requests.write(JSON.writeValueAsString(request) + "\n");
            requests.flush();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        try {
            return exit.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            try {
                long remaining = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime()));
                ProcessHandle.of(pid.get(remaining, TimeUnit.SECONDS)).ifPresent(ProcessHandle::destroyForcibly);
            } catch (ExecutionException | TimeoutException ignored) {
                // never forked: nothing to kill
            }
            throw e;
        } catch (ExecutionException e) {
            throw new IOException("python zygote: " + e.getCause().getMessage() + " (its log: " + log + ")", e.getCause());
        } finally {
            pids.remove(id);
            exits.remove(id);
        }
    }

    private void readReplies() {
        try (BufferedReader replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = replies.readLine(); line != null; line = replies.readLine()) {
                JsonNode reply = JSON.readTree(line);
                long id = reply.path("id").asLong();
                if (reply.has("pid")) {
                    pids.computeIfAbsent(id, k -> new CompletableFuture<>()).complete(reply.get("pid").asLong());
                } else if (reply.has("exit")) {
                    exits.computeIfAbsent(id, k -> new CompletableFuture<>()).complete(reply.get("exit").asInt());
                }
            }
        } catch (IOException e) {
            // the server's output ended: fail what waits below
        }
        ended = true;
        IOException dead = new IOException("the server ended");
        exits.values().forEach(f -> f.completeExceptionally(dead));
    }
}
