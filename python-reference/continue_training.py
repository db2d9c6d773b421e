#!/usr/bin/env python3
"""Loads .keras files with Keras 3's keras.models.load_model and trains each one more epoch, from the optimizer
state the file holds.

  python continue_training.py OUT MODEL.keras... [--images 1000] [--batch-size 32] [--data DIR]

For each MODEL (NAME.keras), writes OUT/NAME.npz with:

  - optimizer_I  model.optimizer.variables[I] as loaded (0 is the iteration, 1 the learning rate, then the slots)
  - weights_I    model.weights[I] after one epoch on the first --images training images / 255, shuffle=False,
                 batch --batch-size, from the loaded optimizer state
  - fresh_I      the same epoch from the same weights with a fresh optimizer (recompiled from the file's optimizer
                 config): what training gives when the state is dropped, the control of the comparison

and prints one JSON line {NAME: {"optimizer": class, "iterations": loaded iteration, "paths": [optimizer variable
paths], "keras_version"}}. Used by KerasOptimizerStateTest: Java saves, Python continues, the weights must agree.
"""

import argparse
import json
import os

import numpy as np

import fmnist_data


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("models", nargs="+")
    p.add_argument("--images", type=int, default=1000)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    a = p.parse_args()
    import keras
    (x_train, y_train), _ = fmnist_data.load(a.data)
    x = x_train[:a.images].astype("float32") / 255.0
    y = y_train[:a.images]
    os.makedirs(a.out, exist_ok=True)
    report = {}
    for path in a.models:
        name = os.path.splitext(os.path.basename(path))[0]
        model = keras.models.load_model(path)
        optimizer = model.optimizer
        arrays = {"optimizer_%d" % i: np.asarray(v.numpy()) for i, v in enumerate(optimizer.variables)}
        report[name] = {"optimizer": type(optimizer).__name__, "iterations": int(optimizer.iterations.numpy()),
                        "paths": [v.path for v in optimizer.variables], "keras_version": keras.__version__}
        images = x.reshape((-1,) + tuple(model.input_shape[1:]))
        model.fit(images, y, epochs=1, batch_size=a.batch_size, shuffle=False, verbose=0)
        arrays.update({"weights_%d" % i: w.numpy() for i, w in enumerate(model.weights)})
        fresh = keras.models.load_model(path)
        fresh.compile(optimizer=type(fresh.optimizer).from_config(fresh.optimizer.get_config()), loss=fresh.loss)
        fresh.fit(images, y, epochs=1, batch_size=a.batch_size, shuffle=False, verbose=0)
        arrays.update({"fresh_%d" % i: w.numpy() for i, w in enumerate(fresh.weights)})
        np.savez(os.path.join(a.out, name + ".npz"), **arrays)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
