package io.kerasj.model;
public class Smoke2 {
    public static void main(String[] a) throws Exception {
        try (Sequential m = new Sequential(42)) {
            m.add(new io.kerasj.layers.Flatten(28, 28)); m.add(new io.kerasj.layers.Dense(30, "relu")); m.add(new io.kerasj.layers.Dense(10, "softmax"));
            float[] x = new float[5 * 784]; for (int i = 0; i < x.length; i++) x[i] = (i % 17) / 17f;
            float[][] p = m.predict(io.kerasj.data.FloatSamples.of(x, 28, 28));
            SavedModelExport.export(m, java.nio.file.Path.of("/tmp/exp1"), true);
            try (org.tensorflow.SavedModelBundle b = org.tensorflow.SavedModelBundle.load("/tmp/exp1", "serve")) {
                System.out.println(b.signatures());
                try (var t = org.tensorflow.types.TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(5, 28, 28), org.tensorflow.ndarray.buffer.DataBuffers.of(x));
                     var r = b.call(java.util.Map.of("flatten_input", t))) {
                    var out = (org.tensorflow.types.TFloat32) r.get(0);
                    System.out.println(out.getFloat(0, 0) + " vs " + p[0][0] + " ; " + out.getFloat(4, 9) + " vs " + p[4][9]);
                }
            }
        }
    }
}
