package io.kerasj.parity;

import io.kerasj.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * KerasJ's Adam before issue 10, kept as a negative control: {@code 1 - beta1} and {@code 1 - beta2} computed in
 * float32 from the already-rounded betas (0.100000024 and 0.00099998713 instead of Keras's 0.1f and 0.001f), which
 * makes each step about 6e-6 larger. The trajectory test shows its sharp check catches this.
 */
final class Float32OneMinusBetaAdam implements Optimizer {
    @Override
    public String name() {
        return "Adam";
    }

    @Override
    public double learningRate() {
        return 0.001;
    }

    @Override
    public int slotsPerWeight() {
        return 2;
    }

    @Override
    public List<Operand<TFloat32>> update(Ops tf, List<Operand<TFloat32>> weights, List<Operand<TFloat32>> gradients,
                                          List<Operand<TFloat32>> slots, Operand<TFloat32> iteration,
                                          Operand<TFloat32> learningRate) {
        Operand<TFloat32> t = tf.math.add(iteration, tf.constant(1f));
        Operand<TFloat32> b1 = tf.constant(0.9f);
        Operand<TFloat32> b2 = tf.constant(0.999f);
        Operand<TFloat32> one = tf.constant(1f);
        Operand<TFloat32> alpha = tf.math.mul(learningRate,
                tf.math.div(tf.math.sqrt(tf.math.sub(one, tf.math.pow(b2, t))), tf.math.sub(one, tf.math.pow(b1, t))));
        List<Operand<TFloat32>> newWeights = new ArrayList<>();
        List<Operand<TFloat32>> newSlots = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            Operand<TFloat32> g = gradients.get(i);
            Operand<TFloat32> m = tf.math.add(tf.math.mul(b1, slots.get(2 * i)), tf.math.mul(tf.math.sub(one, b1), g));
            Operand<TFloat32> v = tf.math.add(tf.math.mul(b2, slots.get(2 * i + 1)), tf.math.mul(tf.math.sub(one, b2), tf.math.square(g)));
            Operand<TFloat32> step = tf.math.div(tf.math.mul(alpha, m), tf.math.add(tf.math.sqrt(v), tf.constant(1e-7f)));
            newWeights.add(tf.math.sub(weights.get(i), step));
            newSlots.add(m);
            newSlots.add(v);
        }
        newWeights.addAll(newSlots);
        return newWeights;
    }
}
