package io.kerasj.pipeline;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * {@code Dataset.cache(filename)}: the first pass that reads the input to its end is written to a temporary sibling
 * (named as {@link io.kerasj.io.AtomicFiles} names its temporaries) and renamed into place only when complete, never
 * over an existing file; later passes, and later runs, read the file. A pass that stops early deletes its temporary.
 * An existing file is checked before any work: a file KerasJ did not write, a truncated cache, or the cache of
 * another pipeline is refused in one line and left untouched.
 */
final class FileCacheStep extends Pipeline {
    private final Pipeline input;
    private final Path file;
    private final String description;

    FileCacheStep(Pipeline input, Path file) {
        this.input = input;
        this.file = file.toAbsolutePath().normalize();
        this.description = input.toString();
        if (Files.isDirectory(this.file)) {
            throw new PipelineException(file + ": expected a pipeline cache file, found a folder; left untouched");
        }
        if (Files.exists(this.file, LinkOption.NOFOLLOW_LINKS)) {
            check(CacheFile.readHeader(this.file));
        }
    }

    private CacheFile.Header check(CacheFile.Header header) {
        if (!header.description().equals(description)) {
            throw new PipelineException(file + ": a KerasJ cache of another pipeline (" + header.description()
                    + "), not of " + description + "; left untouched (delete it or choose another file)");
        }
        return header;
    }

    @Override
    public long cardinality() {
        if (Files.isRegularFile(file)) {
            return CacheFile.readHeader(file).count();
        }
        return input.cardinality();
    }

    @Override
    public ElementIterator iterator(long epoch) {
        if (Files.exists(file)) {
            return read(check(CacheFile.readHeader(file)));
        }
        return write(epoch);
    }

    private ElementIterator read(CacheFile.Header header) {
        CacheFile.Reader reader;
        try {
            reader = new CacheFile.Reader(file, header);
        } catch (IOException e) {
            throw new PipelineException(file + ": cannot read the pipeline cache: " + e.getMessage(), e);
        }
        return new LookaheadIterator() {
            private long read;

            @Override
            protected Element advance() {
                Element e = reader.next();
                if (e == null) {
                    if (read != header.count()) {
                        throw new PipelineException(file + ": bad KerasJ pipeline cache: its trailer counts " + header.count()
                                + " elements, found " + read);
                    }
                    return null;
                }
                read++;
                return e;
            }

            @Override
            public void close() {
                reader.close();
            }
        };
    }

    private ElementIterator write(long epoch) {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        CacheFile.Writer writer;
        try {
            Files.createDirectories(file.getParent());
            OutputStream out = Files.newOutputStream(temporary);
            writer = new CacheFile.Writer(out, description);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new PipelineException(file + ": cannot write the pipeline cache: " + e.getMessage(), e);
        }
        ElementIterator in = input.iterator(epoch);
        return new LookaheadIterator() {
            private boolean open = true;

            @Override
            protected Element advance() {
                try {
                    if (in.hasNext()) {
                        Element e = in.next();
                        writer.write(e);
                        return e;
                    }
                    publish();
                    return null;
                } catch (IOException ex) {
                    close();
                    throw new PipelineException(file + ": cannot write the pipeline cache: " + ex.getMessage(), ex);
                }
            }

            private void publish() throws IOException {
                if (!open) {
                    return;
                }
                open = false;
                writer.finish();
                try {
                    Files.move(temporary, file); // never replaces: a cache another pass completed first is kept
                } catch (FileAlreadyExistsException raced) {
                    deleteQuietly(temporary);
                }
            }

            @Override
            public void close() {
                if (open) {
                    open = false;
                    try {
                        writer.close();
                    } catch (IOException ignored) {
                        // the temporary is deleted next
                    }
                    deleteQuietly(temporary);
                }
                in.close();
            }
        };
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a leftover temporary is hidden and named as one
        }
    }

    @Override
    public String toString() {
        return input + ".cache(" + file.getFileName() + ")";
    }
}
