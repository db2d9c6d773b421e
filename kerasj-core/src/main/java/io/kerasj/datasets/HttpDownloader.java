package io.kerasj.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Downloads files over HTTP(S) from a mirror (by default Keras's), drawing a Keras-style progress bar on a
 * stream (standard error).
 */
public final class HttpDownloader implements Downloader {

    /** The mirror Keras downloads its datasets from (Fashion-MNIST, MNIST, ...). */
    public static final String KERAS_MIRROR = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/";

    private final String baseUrl;
    private final PrintStream progress;
    private final HttpClient client;

    /**
     * @param baseUrl the mirror's base URL; file names are appended to it
     * @param progress where the progress bar goes (standard error), or null for none
     */
    public HttpDownloader(String baseUrl, PrintStream progress) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        this.progress = progress;
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Override
    public String source() {
        return baseUrl;
    }

    @Override
    public void download(String fileName, Path target) throws IOException {
        URI uri = URI.create(baseUrl + fileName);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(uri + ": download interrupted", e);
        } catch (IOException e) {
            throw new IOException(uri + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException(uri + ": expected HTTP status 200, found " + response.statusCode());
            }
            long total = response.headers().firstValueAsLong("Content-Length").orElse(-1L);
            ProgressBar bar = progress == null ? null : new ProgressBar(progress, total);
            if (progress != null) {
                progress.println("Downloading data from " + uri);
            }
            try (OutputStream out = Files.newOutputStream(target)) {
                byte[] buffer = new byte[1 << 16];
                long done = 0;
                for (int n; (n = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                    done += n;
                    if (bar != null) {
                        bar.update(done, false);
                    }
                }
                if (bar != null) {
                    bar.update(done, true);
                }
            }
        }
    }

    /** Keras's {@code get_file} progress line: {@code 26421880/26421880 [==============================] - 2s 0us/step}. */
    private static final class ProgressBar {
        private static final int WIDTH = 30;
        private final PrintStream out;
        private final long total;
        private final long start = System.nanoTime();
        private long lastDraw;

        ProgressBar(PrintStream out, long total) {
            this.out = out;
            this.total = total;
        }

        void update(long done, boolean finished) {
            long now = System.nanoTime();
            if (!finished && now - lastDraw < 100_000_000L) {
                return;
            }
            lastDraw = now;
            long totalShown = total > 0 ? total : done;
            String count = String.format("%" + Long.toString(totalShown).length() + "d/%d", done, totalShown);
            int filled = totalShown == 0 ? WIDTH : (int) Math.min(WIDTH, done * WIDTH / totalShown);
            StringBuilder bar = new StringBuilder("[");
            for (int i = 0; i < WIDTH; i++) {
                bar.append(i < filled ? '=' : i == filled ? '>' : '.');
            }
            bar.append(']');
            double seconds = (now - start) / 1e9;
            out.print("\r" + count + " " + bar + " - " + Math.round(seconds) + "s");
            if (finished) {
                out.println();
            }
            out.flush();
        }
    }
}
