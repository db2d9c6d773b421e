#!/usr/bin/env python3
"""Writes small Keras 3 models in both of Keras's file formats, plus what Keras computes for them.

  python make_keras_files.py OUT [--data DIR] [--epochs 1]

Trains Flatten -> Dense(64, relu) -> Dropout(0.2) -> Dense(10, softmax) on Fashion-MNIST (SGD, seed 7), then
writes into OUT:

  - mlp.keras       model.save('mlp.keras')  (zip: config.json, metadata.json, model.weights.h5)
  - mlp.h5          model.save('mlp.h5')     (legacy HDF5: model_config + model_weights)
  - functional.keras  a functional Input -> Flatten -> Dense -> Dense chain
  - lambda.keras    a model with a Lambda layer (KerasJ must refuse it, as Keras's safe_mode does)
  - conv.keras      a small CNN whose Conv2D and MaxPooling2D KerasJ does not support (refused in one line)
  - mlp.probabilities.npy, functional.probabilities.npy: float32 [10000, 10] predictions on the test images / 255
  - expected.json   {name: {"accuracy", "loss", "keras_version"}}

The Java tests load the files and compare their outputs with the .npy files.
"""

import argparse
import json
import os

import numpy as np

import fmnist_data


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--epochs", type=int, default=1)
    a = p.parse_args()
    import keras
    keras.utils.set_random_seed(7)
    (x_train, y_train), (x_test, y_test) = fmnist_data.load(a.data)
    x_train = x_train[:20000].astype("float32") / 255.0
    y_train = y_train[:20000]
    x_test = x_test.astype("float32") / 255.0
    os.makedirs(a.out, exist_ok=True)

    mlp = keras.Sequential([
        keras.layers.Input(shape=(28, 28)),
        keras.layers.Flatten(),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dropout(0.2),
        keras.layers.Dense(10, activation="softmax"),
    ])
    mlp.compile(loss="sparse_categorical_crossentropy", optimizer=keras.optimizers.SGD(learning_rate=0.02),
                metrics=["accuracy"])
    mlp.fit(x_train, y_train, epochs=a.epochs, batch_size=64, verbose=0)

    inputs = keras.Input(shape=(28, 28), name="pixels")
    h = keras.layers.Flatten(name="flat")(inputs)
    h = keras.layers.Dense(32, activation="tanh", name="hidden")(h)
    outputs = keras.layers.Dense(10, activation="softmax", name="classes")(h)
    functional = keras.Model(inputs, outputs, name="chain")
    functional.compile(loss="sparse_categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
    functional.fit(x_train, y_train, epochs=a.epochs, batch_size=64, verbose=0)

    expected = {}
    for name, model, files in (("mlp", mlp, ("mlp.keras", "mlp.h5")), ("functional", functional, ("functional.keras",))):
        for f in files:
            model.save(os.path.join(a.out, f))
        probabilities = model.predict(x_test, batch_size=1000, verbose=0).astype(np.float32)
        np.save(os.path.join(a.out, name + ".probabilities.npy"), probabilities)
        loss, accuracy = model.evaluate(x_test, y_test, batch_size=1000, verbose=0)
        expected[name] = {"accuracy": float(accuracy), "loss": float(loss), "keras_version": keras.__version__}
    keras.Sequential([keras.layers.Input(shape=(28, 28)), keras.layers.Flatten(),
                      keras.layers.Lambda(lambda t: t * 2.0), keras.layers.Dense(10, activation="softmax")]
                     ).save(os.path.join(a.out, "lambda.keras"))
    keras.Sequential([keras.layers.Input(shape=(28, 28, 1)), keras.layers.Conv2D(4, 3, activation="relu"),
                      keras.layers.MaxPooling2D(), keras.layers.Flatten(), keras.layers.Dense(10, activation="gelu")]
                     ).save(os.path.join(a.out, "conv.keras"))
    with open(os.path.join(a.out, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
    print(json.dumps(expected))


if __name__ == "__main__":
    main()
