package io.kerasj.cli;

import io.kerasj.data.FloatSamples;

/** Inputs for {@code kerasj predict}, read in slices so that large inputs stream with bounded memory. */
interface SampleSource {

    /** @return how many samples there are */
    int count();

    /**
     * @param index a sample
     * @return how the sample is named in the output: a file, or {@code file#row}
     */
    String id(int index);

    /** @return each sample's label, or null when the source has none */
    int[] labels();

    /** @return the multiplier applied to the raw values */
    Scale scale();

    /**
     * @param from the first sample
     * @param to one past the last
     * @return the samples, in the model's per-sample shape, scaled
     */
    FloatSamples read(int from, int to);
}
