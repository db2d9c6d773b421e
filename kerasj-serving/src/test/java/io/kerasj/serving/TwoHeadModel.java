package io.kerasj.serving;

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

/**
 * Test fixture: a SavedModel with two named inputs and two outputs, exported with TF Java:
 * {@code a, b [-1,3]} → {@code sum = a + b [-1,3]}, {@code dot = sum(a * b, axis 1) [-1]}.
 */
final class TwoHeadModel {

    private TwoHeadModel() {
    }

    static Path export(Path dir) throws IOException {
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> a = tf.withName("a").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3)));
            Placeholder<TFloat32> b = tf.withName("b").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3)));
            Operand<TFloat32> sum = tf.withName("sum").math.add(a, b);
            Operand<TFloat32> dot = tf.withName("dot").reduceSum(tf.math.mul(a, b), tf.constant(1));
            SavedModelBundle.exporter(dir.toString()).withSession(s)
                    .withSignature(Signature.builder().key("serving_default").input("a", a).input("b", b)
                            .output("sum", sum).output("dot", dot).build())
                    .export();
        }
        return dir;
    }
}
