package io.kerasj.datasets;

import java.io.IOException;
import java.nio.file.Path;

/** Fetches a dataset file by name from some remote source. */
public interface Downloader {

    /**
     * Downloads {@code fileName} into {@code target}, replacing its content.
     *
     * @param fileName the file's name, e.g. {@code train-images-idx3-ubyte.gz}
     * @param target the (temporary) file to write
     * @throws IOException when the download fails
     */
    void download(String fileName, Path target) throws IOException;

    /** @return where files come from, for messages (e.g. the mirror's base URL) */
    String source();
}
