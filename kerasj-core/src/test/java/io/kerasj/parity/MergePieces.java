package io.kerasj.parity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kerasj.layers.Dense;
import io.kerasj.layers.Flatten;
import io.kerasj.layers.GraphCallContext;
import io.kerasj.layers.Layer;
import io.kerasj.layers.LayerOutput;
import io.kerasj.losses.SparseCategoricalCrossentropy;
import io.kerasj.runtime.NativeRuntime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The {@code merge} pieces of {@code pieces.txt}: a merge layer called directly in a graph of the test's own (no
 * model: the functional engine is not needed), on placeholders fed Keras's inputs, then [Flatten] and the
 * Dense(3, softmax) head with Keras's weights, the mean sparse cross-entropy on Keras's labels, and
 * {@code Graph.addGradients} for each input and the head's kernel and bias. Forward within 1e-5 and each gradient
 * within 1e-4 of Keras's, relative to the largest |value| of Keras's.
 */
final class MergePieces {
    private MergePieces() {
    }

    static void check(ReferenceArrays ref, String name, JsonNode config) {
        NativeRuntime.ensureLoaded();
        List<float[]> inputs = ref.floatList(name + "/inputs");
        List<long[]> shapes = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            int[] shape = ref.shape(name + "/inputs/" + i);
            shapes.add(Arrays.stream(shape).asLongStream().toArray());
        }
        int[] labels = ref.ints(name + "/y");
        List<float[]> head = ref.floatList(name + "/weights");
        List<float[]> expectedGrads = ref.floatList(name + "/grads");
        Layer merge = KerasLayerConfig.of(config.path("class").asText(), config.path("args"));
        merge.setName("merge");
        List<float[]> fetched;
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            List<Placeholder<TFloat32>> xs = new ArrayList<>();
            for (long[] shape : shapes) {
                long[] unknownBatch = shape.clone();
                unknownBatch[0] = -1;
                xs.add(tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(unknownBatch))));
            }
            List<long[]> perSample = shapes.stream().map(s -> Arrays.copyOfRange(s, 1, s.length)).toList();
            long[] mergedShape = merge.build(perSample).get(0);
            GraphCallContext context = new GraphCallContext(tf);
            Operand<TFloat32> merged = merge.call(context, new ArrayList<Operand<TFloat32>>(xs)).output();

            Operand<TFloat32> features = merged;
            long[] featureShape = mergedShape;
            if (mergedShape.length > 1) {
                Flatten flatten = new Flatten();
                featureShape = flatten.build(mergedShape);
                features = flatten.call(context, merged).output();
            }
            Dense dense = new Dense(LayerParityTest.CLASSES, "softmax");
            dense.build(featureShape);
            Placeholder<TFloat32> kernel = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(dense.weightSpecs().get(0).shape())));
            Placeholder<TFloat32> bias = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(dense.weightSpecs().get(1).shape())));
            context.with(dense.weightSpecs().get(0), kernel).with(dense.weightSpecs().get(1), bias);
            LayerOutput probabilities = dense.call(context, features);
            Operand<TFloat32> loss = tf.math.mean(new SparseCategoricalCrossentropy().call(tf, tf.constant(labels), probabilities),
                    tf.constant(0));

            List<Operand<TFloat32>> differentiated = new ArrayList<>(xs);
            differentiated.add(kernel);
            differentiated.add(bias);
            Output<?>[] grads = graph.addGradients(loss.asOutput(), differentiated.stream().map(Operand::asOutput).toArray(Output[]::new));

            List<Tensor> fed = new ArrayList<>();
            try (Session session = new Session(graph)) {
                Session.Runner runner = session.runner();
                for (int i = 0; i < xs.size(); i++) {
                    fed.add(TFloat32.tensorOf(Shape.of(shapes.get(i)), DataBuffers.of(inputs.get(i))));
                    runner.feed(xs.get(i), fed.get(fed.size() - 1));
                }
                fed.add(TFloat32.tensorOf(Shape.of(dense.weightSpecs().get(0).shape()), DataBuffers.of(head.get(0))));
                runner.feed(kernel, fed.get(fed.size() - 1));
                fed.add(TFloat32.tensorOf(Shape.of(dense.weightSpecs().get(1).shape()), DataBuffers.of(head.get(1))));
                runner.feed(bias, fed.get(fed.size() - 1));
                runner.fetch(merged);
                for (Output<?> g : grads) {
                    runner.fetch(g);
                }
                try (Result result = runner.run()) {
                    fetched = new ArrayList<>();
                    for (int i = 0; i < result.size(); i++) {
                        TFloat32 t = (TFloat32) result.get(i);
                        float[] values = new float[(int) t.size()];
                        t.asRawTensor().data().asFloats().read(values);
                        fetched.add(values);
                    }
                }
            } finally {
                fed.forEach(Tensor::close);
            }
        }
        double forwardError = LayerParityTest.relative(fetched.get(0), ref.floats(name + "/forward"));
        assertThat(expectedGrads).hasSize(fetched.size() - 1);
        double gradientError = 0;
        for (int i = 0; i < expectedGrads.size(); i++) {
            double error = LayerParityTest.relative(fetched.get(i + 1), expectedGrads.get(i));
            assertThat(error).as("%s: gradient %d (inputs, then the head's kernel and bias), relative to Keras's largest |gradient|", name, i)
                    .isLessThanOrEqualTo(LayerParityTest.GRADIENT_TOLERANCE);
            gradientError = Math.max(gradientError, error);
        }
        System.out.printf(Locale.ROOT, "layers %-18s %-9s forward %.2e, gradients %.2e (%d inputs)%n", name, "merge", forwardError,
                gradientError, inputs.size());
        assertThat(forwardError).as("%s: forward, relative to Keras's largest |value|", name).isLessThanOrEqualTo(LayerParityTest.FORWARD_TOLERANCE);
    }
}
