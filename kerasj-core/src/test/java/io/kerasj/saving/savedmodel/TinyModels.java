package io.kerasj.saving.savedmodel;

import java.io.IOException;
import java.nio.file.Path;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;

/** Test fixture: tiny SavedModels exported with TF Java (TF1-style, no object graph). */
final class TinyModels {

    private TinyModels() {
    }

    /** x [-1,28,28] → y [-1,784] = flatten(x) * 2. */
    static Path safe(Path dir) throws IOException {
        return export(dir, Shape.of(-1, 28, 28), false, "serving_default");
    }

    /** x [-1,28,28] → y = flatten(x) * 2 under another signature key. */
    static Path withKey(Path dir, String key) throws IOException {
        return export(dir, Shape.of(-1, 28, 28), false, key);
    }

    /** x [-1,28,28] → y = flatten(x) + 0 * length(ReadFile("/etc/hostname")): must be refused. */
    static Path readsFile(Path dir) throws IOException {
        return export(dir, Shape.of(-1, 28, 28), true, "serving_default");
    }

    /** x of the given input shape → y = flatten(x) * 2. */
    static Path withInput(Path dir, Shape input) throws IOException {
        return export(dir, input, false, "serving_default");
    }

    private static Path export(Path dir, Shape inputShape, boolean readFile, String key) throws IOException {
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(inputShape));
            long size = 1;
            for (int i = 1; i < inputShape.numDimensions(); i++) {
                size *= inputShape.get(i);
            }
            Operand<TFloat32> flat = tf.reshape(x, tf.constant(new int[] {-1, (int) size}));
            Operand<TFloat32> y = tf.math.mul(flat, tf.constant(2f));
            if (readFile) {
                Operand<TString> content = tf.io.readFile(tf.constant("/etc/hostname"));
                Operand<TInt32> len = tf.strings.stringLength(content);
                y = tf.math.add(flat, tf.math.mul(tf.constant(0f), tf.dtypes.cast(len, TFloat32.class)));
            }
            y = tf.withName("y").identity(y);
            SavedModelBundle.exporter(dir.toString()).withSession(s)
                    .withSignature(Signature.builder().key(key).input("x", x).output("y", y).build())
                    .export();
        }
        return dir;
    }
}
