package io.kerasj.pipeline.images;

import io.kerasj.pipeline.Element;
import io.kerasj.pipeline.ElementIterator;
import io.kerasj.pipeline.HostArray;
import io.kerasj.pipeline.Pipeline;
import io.kerasj.pipeline.PipelineException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One element per image file, as Keras's {@code paths_and_labels_to_dataset}: {@code (image, label)} or the image
 * alone, the image float32 [height, width, channels] decoded and resized on each pass (nothing is kept between
 * passes). Several threads decode ahead of the reader, the order kept. With a shuffle buffer the files are
 * shuffled each pass as {@code Dataset.shuffle(buffer, seed)} does, from the seed and the pass's number.
 */
final class ImageFileSource extends Pipeline {
    private final List<Path> files;
    private final int[] labels;
    private final String labelMode;
    private final int classes;
    private final int channels;
    private final ImageResize resize;
    private final int shuffleBuffer;
    private final long seed;
    private final int threads;

    ImageFileSource(List<Path> files, int[] labels, String labelMode, int classes, int channels, ImageResize resize,
            int shuffleBuffer, long seed, int threads) {
        this.files = List.copyOf(files);
        this.labels = labels;
        this.labelMode = labelMode;
        this.classes = classes;
        this.channels = channels;
        this.resize = resize;
        this.shuffleBuffer = shuffleBuffer;
        this.seed = seed;
        this.threads = threads;
    }

    @Override
    public long cardinality() {
        return files.size();
    }

    @Override
    public ElementIterator iterator(long epoch) {
        int[] order = shuffleBuffer > 0 ? PassShuffle.order(files.size(), shuffleBuffer, seed, epoch) : null;
        return new Pass(order);
    }

    private Element element(int index) {
        Path file = files.get(index);
        HostArray image = HostArray.ofFloats(ImageDecoder.decode(file, channels, resize::resize), resizedShape());
        if (labelMode == null) {
            return Element.of(image);
        }
        int label = labels[index];
        HostArray y = switch (labelMode) {
            case "int" -> HostArray.scalar(label);
            case "binary" -> HostArray.ofFloats(new float[] {label}, 1);
            default -> {
                float[] oneHot = new float[classes];
                oneHot[label] = 1f;
                yield HostArray.ofFloats(oneHot, classes);
            }
        };
        return Element.of(image, y);
    }

    private long[] resizedShape() {
        return resize.shape(channels);
    }

    /** One pass: up to {@code 2 * threads} images decoding ahead, handed out in order. */
    private final class Pass implements ElementIterator {
        private final int[] order;
        private final ExecutorService pool;
        private final ArrayDeque<Future<Element>> ahead = new ArrayDeque<>();
        private int submitted;
        private boolean closed;

        Pass(int[] order) {
            this.order = order;
            this.pool = threads > 1 && files.size() > 1 ? decodingPool(threads) : null;
        }

        private int fileAt(int position) {
            return order == null ? position : order[position];
        }

        @Override
        public boolean hasNext() {
            if (closed) {
                return false;
            }
            if (submitted < files.size() || !ahead.isEmpty()) {
                return true;
            }
            close();
            return false;
        }

        @Override
        public Element next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            if (pool == null) {
                return element(fileAt(submitted++));
            }
            while (submitted < files.size() && ahead.size() < 2 * threads) {
                int index = fileAt(submitted++);
                ahead.add(pool.submit(() -> element(index)));
            }
            Future<Element> head = ahead.poll();
            try {
                return head.get();
            } catch (ExecutionException e) {
                close();
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new PipelineException("image decoding failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                close();
                Thread.currentThread().interrupt();
                throw new PipelineException("interrupted while decoding images", e);
            } catch (CancellationException e) {
                throw new PipelineException("the pass over the images was closed", e);
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            ahead.forEach(f -> f.cancel(true));
            ahead.clear();
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /** Daemon threads that end after a second idle, so a pass left open and unfinished holds no thread for long. */
    private static ExecutorService decodingPool(int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "kerasj-image-decode-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @Override
    public String toString() {
        return "image_dataset_from_directory(" + files.size() + " files)";
    }
}
