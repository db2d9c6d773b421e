package io.kerasj.scratch;

import io.kerasj.data.FloatSamples;
import io.kerasj.layers.*;
import io.kerasj.model.*;
import java.io.*;
import java.nio.file.*;
import java.util.zip.GZIPInputStream;

public class Smoke {
    static byte[] read(String f) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of("/usr/share/datasets/fashion-mnist", f)))) { return in.readAllBytes(); }
    }
    public static void main(String[] a) throws Exception {
        byte[] xi = read("train-images-idx3-ubyte.gz"), yi = read("train-labels-idx1-ubyte.gz");
        byte[] ti = read("t10k-images-idx3-ubyte.gz"), tl = read("t10k-labels-idx1-ubyte.gz");
        float[] x = new float[55000 * 784]; int[] y = new int[55000];
        float[] vx = new float[5000 * 784]; int[] vy = new int[5000];
        for (int i = 0; i < 60000; i++) for (int j = 0; j < 784; j++) { float v = (xi[16 + i * 784 + j] & 0xFF) / 255f; if (i < 5000) vx[i*784+j] = v; else x[(i-5000)*784+j] = v; }
        for (int i = 0; i < 60000; i++) { if (i < 5000) vy[i] = yi[8 + i]; else y[i - 5000] = yi[8 + i]; }
        float[] tx = new float[10000*784]; int[] ty = new int[10000];
        for (int i = 0; i < 10000*784; i++) tx[i] = (ti[16+i] & 0xFF) / 255f;
        for (int i = 0; i < 10000; i++) ty[i] = tl[8+i];
        int epochs = Integer.parseInt(a.length > 0 ? a[0] : "2");
        try (Sequential m = new Sequential(42)) {
            m.add(new Flatten(28, 28)); m.add(new Dense(300, "relu")); m.add(new Dense(100, "relu")); m.add(new Dense(10, "softmax"));
            m.compile("sparse_categorical_crossentropy", "sgd", "accuracy");
            m.summary();
            long t0 = System.nanoTime();
            var h = m.fit(FloatSamples.of(x, 28, 28), y, epochs, new ValidationData(FloatSamples.of(vx, 28, 28), vy));
            System.out.printf("fit %.2f s%n", (System.nanoTime() - t0) / 1e9);
            System.out.println(h.toJson());
            double[] r = m.evaluate(FloatSamples.of(tx, 28, 28), ty);
            System.out.println(java.util.Arrays.toString(r));
        }
    }
}
