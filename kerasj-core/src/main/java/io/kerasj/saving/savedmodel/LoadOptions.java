package io.kerasj.saving.savedmodel;

import java.util.List;

/**
 * Immutable options for {@link KerasSavedModel#load(java.nio.file.Path, LoadOptions)}. Start from
 * {@link #defaults()} and change with the {@code with}-style methods, each of which returns a new instance.
 */
public final class LoadOptions {
    private final boolean allowUnsafeOps;
    private final int batchSize;
    private final int intraOpThreads;
    private final List<String> tags;

    private LoadOptions(boolean allowUnsafeOps, int batchSize, int intraOpThreads, List<String> tags) {
        this.allowUnsafeOps = allowUnsafeOps;
        this.batchSize = batchSize;
        this.intraOpThreads = intraOpThreads;
        this.tags = List.copyOf(tags);
    }

    /** @return op safety check on, batches of 10,000, the runtime's default thread count, tag {@code serve} */
    public static LoadOptions defaults() {
        return new LoadOptions(false, 10_000, 0, List.of("serve"));
    }

    /**
     * @param allow true to load and run models holding op types outside {@link OpAllowList} (the scan still runs
     *              and its report stays available)
     * @return a copy with this setting
     */
    public LoadOptions allowUnsafeOps(boolean allow) {
        return new LoadOptions(allow, batchSize, intraOpThreads, tags);
    }

    /**
     * @param size the most samples per native call in {@code predict}, at least 1
     * @return a copy with this setting
     */
    public LoadOptions batchSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("batchSize: expected at least 1, found " + size);
        }
        return new LoadOptions(allowUnsafeOps, size, intraOpThreads, tags);
    }

    /**
     * @param threads intra-op threads of the session, 0 for the runtime's default
     * @return a copy with this setting
     */
    public LoadOptions intraOpThreads(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("intraOpThreads: expected 0 or more, found " + threads);
        }
        return new LoadOptions(allowUnsafeOps, batchSize, threads, tags);
    }

    /**
     * @param tagSet the MetaGraphDef tags to load, e.g. {@code serve}
     * @return a copy with this setting
     */
    public LoadOptions tags(String... tagSet) {
        if (tagSet.length == 0) {
            throw new IllegalArgumentException("tags: expected at least one tag, found none");
        }
        return new LoadOptions(allowUnsafeOps, batchSize, intraOpThreads, List.of(tagSet));
    }

    /** @return whether unsafe ops are allowed */
    public boolean allowUnsafeOps() {
        return allowUnsafeOps;
    }

    /** @return the most samples per native call */
    public int batchSize() {
        return batchSize;
    }

    /** @return intra-op threads, 0 for the default */
    public int intraOpThreads() {
        return intraOpThreads;
    }

    /** @return the MetaGraphDef tags to load */
    public List<String> tags() {
        return tags;
    }
}
