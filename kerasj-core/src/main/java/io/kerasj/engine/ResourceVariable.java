package io.kerasj.engine;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
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
     * @param tf the graph's ops
     * @param name a name unique in the graph, e.g. {@code dense/kernel}
     * @param type the element type
     * @param shape the shape; -1 for a dimension fixed only by what is assigned
     */
    ResourceVariable(Ops tf, String name, Class<T> type, long[] shape) {
        this.name = name;
        this.type = type;
        this.shape = shape.clone();
        Ops scoped = tf;
        for (String part : name.split("/")) {
            scoped = scoped.withSubScope(part);
        }
        this.handle = scoped.withName("handle").varHandleOp(type, Shape.of(shape), VarHandleOp.sharedName(name));
        this.read = scoped.withName("read").readVariableOp(handle, type);
        this.feed = scoped.withName("feed").placeholder(type, Placeholder.shape(Shape.of(shape)));
        this.assign = scoped.withName("assign").assignVariableOp(handle, feed);
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
