package io.kerasj.engine;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.Scope;
import org.tensorflow.op.core.AssignVariableOp;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.ReadVariableOp;
import org.tensorflow.op.core.VarHandleOp;
import org.tensorflow.types.family.TType;

/**
 * A resource variable with the ops to read it and to assign it from a fed value. Resource variables stay out of
 * the set TensorFlow's optimizers differentiate against, and each gets an explicit unique shared name so that two
 * handles never alias one variable (design.md).
 *
 * @param <T> the element type
 */
public final class ResourceVariable<T extends TType> {
    private final String name;
    private final Class<T> type;
    private final long[] shape;
    private final Operand<?> handle;
    private final ReadVariableOp<T> read;
    private final Placeholder<T> feed;
    private final AssignVariableOp assign;

    /**
     * @param tf the graph's ops: their control dependencies and device apply; the op names do not take its sub-scope
     * @param name the variable's shared name, unique in the graph, e.g. {@code dense/kernel}; also its ops' path
     * @param type the element type
     * @param shape the shape; -1 for a dimension fixed only by what is assigned
     */
    ResourceVariable(Ops tf, String name, Class<T> type, long[] shape) {
        this.name = name;
        this.type = type;
        this.shape = shape.clone();
        // the ops are named <name>/handle, /read, /feed, /assign (<name>_1/... if taken), by exact names: sub-scopes
        // per path segment would read every op name in the graph for each variable (NamedScope)
        for (String part : name.split("/", -1)) { // what the sub-scopes checked
            if (!Scope.isValidOpName(part)) {
                throw new IllegalArgumentException("invalid name: '" + part + "' (in variable '" + name
                        + "') does not match the regular expression [A-Za-z0-9.][A-Za-z0-9_.\\-]*");
            }
        }
        Graph graph = (Graph) tf.scope().env();
        String path = name;
        for (int k = 1; graph.operation(path + "/handle") != null; k++) {
            path = name + "_" + k;
        }
        Scope scope = tf.scope();
        this.handle = VarHandleOp.create(new NamedScope(scope, path + "/handle"), type, Shape.of(shape), VarHandleOp.sharedName(name));
        this.read = ReadVariableOp.create(new NamedScope(scope, path + "/read"), handle, type);
        this.feed = Placeholder.create(new NamedScope(scope, path + "/feed"), type, Placeholder.shape(Shape.of(shape)));
        this.assign = AssignVariableOp.create(new NamedScope(scope, path + "/assign"), handle, feed);
    }

    public String name() {
        return name;
    }

    public long[] shape() {
        return shape.clone();
    }

    /** @return the element type */
    public Class<T> type() {
        return type;
    }

    Operand<?> handle() {
        return handle;
    }

    ReadVariableOp<T> read() {
        return read;
    }

    Placeholder<T> feed() {
        return feed;
    }

    AssignVariableOp assign() {
        return assign;
    }
}
