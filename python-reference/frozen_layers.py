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

and prints one JSON line: the epoch's loss and each model's trainable and non-trainable parameter counts.
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
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="mse")
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
    print(json.dumps({"loss": float(history.history["loss"][0]), "frozen_bn": counts(model),
                      "frozen_nested": counts(nested)}))


if __name__ == "__main__":
    main()
