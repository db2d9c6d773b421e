package io.kerasj.engine;

import org.tensorflow.ExecutionEnvironment;
import org.tensorflow.Operation;
import org.tensorflow.OperationBuilder;
import org.tensorflow.op.Scope;

/**
 * A scope that gives the next op an exact, fully qualified name (slashes allowed), and otherwise acts as the scope
 * it wraps (control dependencies, device). TensorFlow Java's {@code withSubScope} reads the name of every op already
 * in the graph, so naming each of a large model's variables through sub-scopes costs time quadratic in its size.
 */
final class NamedScope implements Scope {
    private final Scope scope;
    private final String name;

    /**
     * @param scope the scope whose control dependencies and device the op takes
     * @param name the op's full name, free in the graph
     */
    NamedScope(Scope scope, String name) {
        this.scope = scope;
        this.name = name;
    }

    @Override
    public String makeOpName(String defaultName) {
        return name;
    }

    @Override
    public ExecutionEnvironment env() {
        return scope.env();
    }

    @Override
    public Scope withSubScope(String childScopeName) {
        return scope.withSubScope(childScopeName);
    }

    @Override
    public Scope withName(String opName) {
        return scope.withName(opName);
    }

    @Override
    public Scope withNameAsSubScope(String defaultName) {
        return scope.withNameAsSubScope(defaultName);
    }

    @Override
    public Scope withDevice(org.tensorflow.DeviceSpec newDevice) {
        return scope.withDevice(newDevice);
    }

    @Override
    public Scope withInitScope() {
        return scope.withInitScope();
    }

    @Override
    public String makeUnique(String id) {
        return scope.makeUnique(id);
    }

    @Override
    public void refreshNames() {
        scope.refreshNames();
    }

    @Override
    public Scope withControlDependencyOps(Iterable<Operation> controls) {
        return scope.withControlDependencyOps(controls);
    }

    @Override
    public OperationBuilder apply(OperationBuilder builder) {
        return scope.apply(builder);
    }

    @Override
    public String getDeviceString() {
        return scope.getDeviceString();
    }

    @Override
    public boolean isInit() {
        return scope.isInit();
    }
}
