package io.kerasj.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.runtime.NativeRuntime;
import io.kerasj.runtime.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** A variable's ops carry its path as their exact names, made unique when taken, and work as a variable. */
class ResourceVariableTest {

    @Test
    void opsAreNamedByTheVariablePathAndATakenPathGetsASuffix() {
        NativeRuntime.ensureLoaded();
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            new ResourceVariable<>(tf, "conv/kernel", TFloat32.class, new long[] {2});
            new ResourceVariable<>(tf, "conv/bias", TFloat32.class, new long[] {2});
            new ResourceVariable<>(tf, "conv/kernel", TFloat32.class, new long[] {2});
            tf.withName("conv").identity(tf.constant(1f)); // an op at the root may take a variable's first segment
            for (String op : List.of("handle", "read", "feed", "assign")) {
                assertThat(graph.operation("conv/kernel/" + op)).as(op).isNotNull();
                assertThat(graph.operation("conv/bias/" + op)).as(op).isNotNull();
                assertThat(graph.operation("conv/kernel_1/" + op)).as(op).isNotNull();
            }
            assertThat(graph.operation("conv_1/bias/handle")).isNull();
            assertThat(graph.operation("conv")).isNotNull();
        }
    }

    @Test
    void aVariableKeepsWhatIsAssignedAndAnInvalidNameIsRefused() {
        NativeRuntime.ensureLoaded();
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            ResourceVariable<TFloat32> v = new ResourceVariable<>(tf, "dense/kernel", TFloat32.class, new long[] {3});
            Tensors.assign(session, List.of(v.feed()), List.of(v.assign()), List.of(new float[] {1, 2, 3}));
            try (Result result = session.runner().fetch(v.read()).run()) {
                assertThat(Tensors.toFloats((TFloat32) result.get(0))).containsExactly(1, 2, 3);
            }
            assertThatThrownBy(() -> new ResourceVariable<>(tf, "my layer/kernel", TFloat32.class, new long[] {1}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("my layer");
            assertThatThrownBy(() -> new ResourceVariable<>(tf, "dense//kernel", TFloat32.class, new long[] {1}))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
