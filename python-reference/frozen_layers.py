#!/usr/bin/env python3
"""Keras 3's frozen layers, for FrozenLayersParityTest.

  python frozen_layers.py OUT

Writes to OUT:

  - frozen_bn.keras         Sequential Dense(8, relu) -> BatchNormalization (frozen: bn.trainable = False, with
                            moving statistics away from their initial values) -> Dense(1), compiled with Adam(0.01) and
                            mse, saved before training
  - x.npy, y.npy            40 samples of 4 features and their float targets
  - frozen_bn.after.npz     w_I = model.weights[I] after one epoch of fit (batch 8, shuffle=False)
  - frozen_nested.keras     a functional model around a nested Sequential "base" frozen as a whole
                            (base.trainable = False), then a trainable Dense(2) head

  - recompile.npz           Keras 3's recompiling (a Sequential "recompile": Dense(8, relu) "hidden", Dense(1) "head",
                            mse, fit 2 epochs of batch 8 unshuffled per phase, on x[:32], y[:32]): w_I = the initial
                            weights; same_I = after training, freezing "hidden" and recompiling with the SAME Adam(0.01)
                            instance and training again (its state kept); fresh_I = after training with "hidden" frozen
                            and Adam(0.01), unfreezing it and recompiling with a NEW Adam(0.001)
  - frozen_model.keras      a functional model "frozen_model" frozen as a whole (model.trainable = False)

With JAVA_FILE (a .keras file KerasJ wrote of a model frozen as a whole), loads it. Prints one JSON line: the epoch's
loss, each model's trainable and non-trainable parameter counts, "unknown_variable" (Keras's error when the same
optimizer instance is recompiled after "hidden", frozen when it was built, is unfrozen), and "java_model" (the loaded
Java file's trainable flag and trainable weight count).

  python frozen_layers.py OUT [JAVA_FILE]
"""

import json
import os
import sys

import numpy as np


def counts(model):
    size = lambda weights: int(sum(int(np.prod(w.shape)) for w in weights))
    return {"trainable": size(model.trainable_weights), "non_trainable": size(model.non_trainable_weights)}


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    import keras
    keras.utils.set_random_seed(7)
    rng = np.random.default_rng(7)
    x = rng.normal(size=(40, 4)).astype("float32")
    y = (x @ np.array([[1.0], [-2.0], [0.5], [3.0]], dtype="float32") + 0.1).astype("float32")
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation="relu", name="hidden"),
                              keras.layers.BatchNormalization(name="bn"), keras.layers.Dense(1, name="head")],
                             name="frozen_bn")
    bn = model.get_layer("bn")
    bn.set_weights([rng.uniform(0.5, 1.5, 8).astype("float32"), (0.1 * rng.normal(size=8)).astype("float32"),
                    (0.5 * rng.normal(size=8)).astype("float32"), rng.uniform(0.5, 2.0, 8).astype("float32")])
    bn.trainable = False
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="mse", run_eagerly=True)
    model.save(os.path.join(out, "frozen_bn.keras"))
    np.save(os.path.join(out, "x.npy"), x)
    np.save(os.path.join(out, "y.npy"), y)
    history = model.fit(x, y, epochs=1, batch_size=8, shuffle=False, verbose=0)
    np.savez(os.path.join(out, "frozen_bn.after.npz"), **{"w_%d" % i: np.asarray(w.numpy()) for i, w in enumerate(model.weights)})

    base = keras.Sequential([keras.Input((4,)), keras.layers.Dense(6, activation="relu"), keras.layers.Dense(5)], name="base")
    base.trainable = False
    inputs = keras.Input((4,))
    nested = keras.Model(inputs, keras.layers.Dense(2, name="top")(base(inputs)), name="frozen_nested")
    nested.save(os.path.join(out, "frozen_nested.keras"))
    result = {"loss": float(history.history["loss"][0]), "frozen_bn": counts(model), "frozen_nested": counts(nested)}
    result.update(recompiling(out, x[:32], y[:32]))

    inputs = keras.Input((4,), name="features")
    frozen = keras.Model(inputs, keras.layers.Dense(2, name="out")(keras.layers.Dense(3, name="hidden")(inputs)),
                         name="frozen_model")
    frozen.trainable = False
    frozen.save(os.path.join(out, "frozen_model.keras"))
    result["frozen_model"] = counts(frozen)
    if len(sys.argv) > 2:
        loaded = keras.models.load_model(sys.argv[2])
        result["java_model"] = {"trainable": bool(loaded.trainable), "trainable_weights": len(loaded.trainable_weights),
                                "layers": [bool(layer.trainable) for layer in loaded.layers]}
    print(json.dumps(result))


def recompiling(out, x, y):
    """Keras 3's optimizer state across recompiles: kept for the same instance, fresh for a new one."""
    import keras

    def model():
        return keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation="relu", name="hidden"),
                                 keras.layers.Dense(1, name="head")], name="recompile")

    def fit(m):
        m.fit(x, y, epochs=2, batch_size=8, shuffle=False, verbose=0)

    same = model()
    initial = [np.asarray(w.numpy()) for w in same.weights]
    adam = keras.optimizers.Adam(0.01)
    same.compile(optimizer=adam, loss="mse", run_eagerly=True)
    fit(same)
    same.get_layer("hidden").trainable = False
    same.compile(optimizer=adam, loss="mse", run_eagerly=True)
    fit(same)

    fresh = model()
    fresh.set_weights(initial)
    fresh.get_layer("hidden").trainable = False
    fresh.compile(optimizer=keras.optimizers.Adam(0.01), loss="mse", run_eagerly=True)
    fit(fresh)
    fresh.get_layer("hidden").trainable = True
    fresh.compile(optimizer=keras.optimizers.Adam(0.001), loss="mse", run_eagerly=True)
    fit(fresh)

    failing = model()
    failing.set_weights(initial)
    failing.get_layer("hidden").trainable = False
    kept = keras.optimizers.Adam(0.01)
    failing.compile(optimizer=kept, loss="mse", run_eagerly=True)
    fit(failing)
    failing.get_layer("hidden").trainable = True
    failing.compile(optimizer=kept, loss="mse")  # traced, as fit runs by default: the message names no values
    try:
        fit(failing)
        message = None
    except ValueError as e:
        message = str(e)
    arrays = {"w_%d" % i: w for i, w in enumerate(initial)}
    arrays.update({"same_%d" % i: np.asarray(w.numpy()) for i, w in enumerate(same.weights)})
    arrays.update({"fresh_%d" % i: np.asarray(w.numpy()) for i, w in enumerate(fresh.weights)})
    np.savez(os.path.join(out, "recompile.npz"), **arrays)
    return {"unknown_variable": message, "same_iterations": int(adam.iterations.numpy())}


if __name__ == "__main__":
    main()
