package io.kerasj.runtime;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SetConfig;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SetTarget;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import org.bytedeco.javacpp.BytePointer;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.internal.c_api.TF_Graph;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_SessionOptions;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.proto.ConfigProto;

/**
 * A {@link Session} on a remote target ({@code grpc://host:port}), which TensorFlow Java's public constructors cannot
 * make: they pass no target to {@code TF_NewSession}. The native session is made here with {@code TF_SetTarget},
 * then wrapped by {@code Session}'s package-private constructor for an existing handle, through reflection.
 *
 * <p>Reflection into {@code org.tensorflow} works on the class path; on the module path the JVM needs
 * {@code --add-opens tensorflow/org.tensorflow=io.kerasj.core}.
 */
public final class TargetSession {

    private TargetSession() {
    }

    /**
     * @param graph the graph the session runs
     * @param target the master to connect to, e.g. {@code grpc://localhost:2222}
     * @param config the session's configuration
     * @return an open session running {@code graph} on {@code target}
     * @throws IllegalStateException if TensorFlow refuses the session, or reflection is denied
     */
    public static Session open(Graph graph, String target, ConfigProto config) {
        NativeRuntime.ensureLoaded();
        TF_Status status = TF_NewStatus();
        TF_SessionOptions options = TF_NewSessionOptions();
        try {
            TF_SetTarget(options, target);
            byte[] bytes = config.toByteArray();
            try (BytePointer pointer = new BytePointer(bytes)) {
                TF_SetConfig(options, pointer, bytes.length, status);
                TensorFlowServer.check(status, "TF_SetConfig");
            }
            TF_Session session = TF_NewSession(nativeGraph(graph), options, status);
            TensorFlowServer.check(status, "TF_NewSession on " + target);
            return wrap(graph, session);
        } finally {
            TF_DeleteSessionOptions(options);
            TF_DeleteStatus(status);
        }
    }

    private static TF_Graph nativeGraph(Graph graph) {
        try {
            Field handle = Graph.class.getDeclaredField("nativeHandle");
            handle.setAccessible(true);
            return (TF_Graph) handle.get(graph);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot reach the graph's native handle (on the module path, add"
                    + " --add-opens tensorflow/org.tensorflow=io.kerasj.core): " + e, e);
        }
    }

    private static Session wrap(Graph graph, TF_Session session) {
        try {
            Constructor<Session> constructor = Session.class.getDeclaredConstructor(Graph.class, TF_Session.class);
            constructor.setAccessible(true);
            return constructor.newInstance(graph, session);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot wrap a native session (on the module path, add"
                    + " --add-opens tensorflow/org.tensorflow=io.kerasj.core): " + e, e);
        }
    }
}
