package io.kerasj.cli;

import io.kerasj.data.Dataset;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Targets;

/**
 * Hands-On Machine Learning's {@code split_dataset} (ch. 11, 2nd edition): Fashion-MNIST cut into task A, the 8
 * classes other than sandal (5) and shirt (6), their labels 7, 8 and 9 moved down to 5, 6 and 7; and task B, the
 * sandals and shirts, labelled 1 for a shirt and 0 for a sandal.
 *
 * @param xA task A's scaled images
 * @param yA task A's labels, 0 to 7
 * @param xB task B's scaled images
 * @param yB task B's labels, 1.0 for a shirt
 */
record TransferTasks(FloatSamples xA, Targets yA, FloatSamples xB, Targets yB) {
    /** Fashion-MNIST's sandal. */
    static final int SANDAL = 5;
    /** Fashion-MNIST's shirt: task B's positive class. */
    static final int SHIRT = 6;
    /** Task A's classes. */
    static final int CLASSES_A = 8;

    /**
     * @param data Fashion-MNIST images and labels
     * @return the two tasks, each in the data's order
     */
    static TransferTasks split(Dataset data) {
        int[] labels = data.labels();
        int countB = 0;
        for (int label : labels) {
            countB += isTaskB(label) ? 1 : 0;
        }
        int countA = labels.length - countB;
        byte[] pixels = data.pixels();
        int size = data.rows() * data.cols();
        float[] xA = new float[countA * size];
        float[] xB = new float[countB * size];
        int[] yA = new int[countA];
        float[] yB = new float[countB];
        int a = 0;
        int b = 0;
        for (int i = 0; i < labels.length; i++) {
            if (isTaskB(labels[i])) {
                scale(pixels, i * size, xB, b * size, size);
                yB[b++] = labels[i] == SHIRT ? 1f : 0f;
            } else {
                scale(pixels, i * size, xA, a * size, size);
                yA[a++] = labels[i] > SHIRT ? labels[i] - 2 : labels[i];
            }
        }
        return new TransferTasks(FloatSamples.of(xA, data.rows(), data.cols()), Targets.classes(yA, CLASSES_A),
                FloatSamples.of(xB, data.rows(), data.cols()), Targets.of(yB, 1));
    }

    /** The notebook's {@code x / 255.0}, as {@link Dataset#scaled()} computes it, for one image. */
    private static void scale(byte[] pixels, int from, float[] to, int at, int size) {
        for (int k = 0; k < size; k++) {
            to[at + k] = (float) (pixels[from + k] & 0xFF) / 255.0f;
        }
    }

    private static boolean isTaskB(int label) {
        return label == SANDAL || label == SHIRT;
    }

    /**
     * @param count how many task B samples to keep, from the first
     * @return the same tasks with task B cut to its first {@code count} samples (the book's 200 training images)
     */
    TransferTasks firstOfB(int count) {
        int n = Math.min(count, xB.count());
        return new TransferTasks(xA, yA, xB.slice(0, n), yB.slice(0, n));
    }
}
