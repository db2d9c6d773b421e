package io.kerasj.data;

/** The four canonical Fashion-MNIST files with the SHA-256 and size of their decompressed content. */
public enum FashionMnistFile {
    /** Training images, 60,000 x 28 x 28. */
    TRAIN_IMAGES("train-images-idx3-ubyte.gz", 47040016L, "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
    /** Training labels, 60,000. */
    TRAIN_LABELS("train-labels-idx1-ubyte.gz", 60008L, "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
    /** Test images, 10,000 x 28 x 28. */
    TEST_IMAGES("t10k-images-idx3-ubyte.gz", 7840016L, "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
    /** Test labels, 10,000. */
    TEST_LABELS("t10k-labels-idx1-ubyte.gz", 10008L, "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

    private final String fileName;
    private final long contentBytes;
    private final String contentSha256;

    FashionMnistFile(String fileName, long contentBytes, String contentSha256) {
        this.fileName = fileName;
        this.contentBytes = contentBytes;
        this.contentSha256 = contentSha256;
    }

    /** @return the file name, e.g. {@code train-images-idx3-ubyte.gz} */
    public String fileName() {
        return fileName;
    }

    /** @return the size of the decompressed content in bytes */
    public long contentBytes() {
        return contentBytes;
    }

    /** @return the lower-case hexadecimal SHA-256 of the decompressed content */
    public String contentSha256() {
        return contentSha256;
    }

    /**
     * @param dir the data directory
     * @return the decompressed content of this file in {@code dir}, not yet verified
     * @throws DatasetException when it is missing, unreadable or not a complete gzip file
     */
    public byte[] read(java.nio.file.Path dir) {
        return IdxReader.readContent(dir.resolve(fileName));
    }

    /**
     * Checks content read by {@link #read} against this file's SHA-256.
     *
     * @param dir the data directory, for the message
     * @param content the decompressed content
     * @throws DatasetException on a mismatch, naming the file and both digests
     */
    public void verify(java.nio.file.Path dir, byte[] content) {
        Sha256.verify(content, contentSha256, dir.resolve(fileName).toString());
    }
}
