#!/usr/bin/env python3
"""Writes small Keras 3 models in both of Keras's file formats, plus what Keras computes for them.

  python make_keras_files.py OUT [--data DIR] [--epochs 1]

Trains Flatten -> Dense(64, relu) -> Dropout(0.2) -> Dense(10, softmax) on Fashion-MNIST (SGD, seed 7), then
writes into OUT:

  - mlp.keras       model.save('mlp.keras')  (zip: config.json, metadata.json, model.weights.h5)
  - mlp.h5          model.save('mlp.h5')     (legacy HDF5: model_config + model_weights)
  - functional.keras  a functional Input -> Flatten -> Dense -> Dense chain
  - lambda.keras    a model with a Lambda layer (KerasJ must refuse it, as Keras's safe_mode does)
  - cnn.keras       Reshape -> Conv2D(same, relu) -> MaxPooling2D -> Conv2D -> Activation(elu) -> AveragePooling2D
                    -> Flatten -> Dense(softmax), trained briefly with Adam
  - bn.keras, bn.h5 Flatten -> Normalization (adapted) -> Dense -> BatchNormalization -> Activation(relu)
                    -> AlphaDropout -> Dense(softmax), trained briefly (moving statistics away from their start)
  - gap.keras       Conv2D(valid, strides 2) -> BatchNormalization -> GlobalAveragePooling2D / GlobalMaxPooling2D
                    -> Rescaling -> Dense, untrained (weights set at random, BatchNorm statistics too)
  - conv.keras      a CNN with a regularized Conv2D (KerasJ's) and a GaussianNoise, which KerasJ refuses
  - rmsprop.keras, adagrad.keras, nadam.keras
                    Flatten -> Dense -> BatchNormalization -> Activation(relu) -> Dense(softmax), trained one epoch
                    on 1000 images with RMSprop(momentum 0.5, centered), Adagrad and Nadam; NAME.optimizer.npz holds
                    model.optimizer.variables as optimizer_I, optimizers.json their paths and the iteration
  - NAME.probabilities.npy: float32 [10000, 10] predictions on the test images / 255
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

    cnn = keras.Sequential([
        keras.layers.Input(shape=(28, 28)),
        keras.layers.Reshape((28, 28, 1)),
        keras.layers.Conv2D(8, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Conv2D(12, (3, 2), strides=(1, 2)),
        keras.layers.Activation("elu"),
        keras.layers.AveragePooling2D(2, padding="same"),
        keras.layers.Flatten(),
        keras.layers.Dense(10, activation="softmax"),
    ])
    cnn.compile(loss="sparse_categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
    cnn.fit(x_train[:3000], y_train[:3000], epochs=1, batch_size=64, verbose=0)

    norm = keras.layers.Normalization()
    norm.adapt(x_train[:5000].reshape(-1, 784))
    bn = keras.Sequential([
        keras.layers.Input(shape=(28, 28)),
        keras.layers.Flatten(),
        norm,
        keras.layers.Dense(64),
        keras.layers.BatchNormalization(momentum=0.9, epsilon=0.002),
        keras.layers.Activation("relu"),
        keras.layers.AlphaDropout(0.1),
        keras.layers.Dense(10, activation="softmax"),
    ])
    bn.compile(loss="sparse_categorical_crossentropy", optimizer=keras.optimizers.RMSprop(learning_rate=0.002),
               metrics=["accuracy"])
    bn.fit(x_train[:3000], y_train[:3000], epochs=1, batch_size=64, verbose=0)

    gap_in = keras.Input(shape=(28, 28, 1), name="image")
    g = keras.layers.Conv2D(6, 5, strides=2, activation="tanh")(gap_in)
    g = keras.layers.BatchNormalization()(g)
    g = keras.layers.GlobalMaxPooling2D()(g)
    g = keras.layers.Rescaling(0.5, offset=0.25)(g)
    gap = keras.Model(gap_in, keras.layers.Dense(10, activation="softmax")(g), name="gap")
    rng = np.random.default_rng(3)
    gap.set_weights([rng.normal(0.0, 0.5, w.shape).astype("float32") if i != 5 else
                     rng.uniform(0.5, 2.0, w.shape).astype("float32") for i, w in enumerate(gap.get_weights())])

    optimizers = {}
    for name, optimizer in (("rmsprop", keras.optimizers.RMSprop(learning_rate=0.002, momentum=0.5, centered=True)),
                            ("adagrad", keras.optimizers.Adagrad(learning_rate=0.05)),
                            ("nadam", keras.optimizers.Nadam(learning_rate=0.002))):
        model = keras.Sequential([keras.layers.Input(shape=(28, 28)), keras.layers.Flatten(), keras.layers.Dense(16),
                                  keras.layers.BatchNormalization(), keras.layers.Activation("relu"),
                                  keras.layers.Dense(10, activation="softmax")])
        model.compile(loss="sparse_categorical_crossentropy", optimizer=optimizer)
        model.fit(x_train[:1000], y_train[:1000], epochs=1, batch_size=32, verbose=0)
        model.save(os.path.join(a.out, name + ".keras"))
        np.savez(os.path.join(a.out, name + ".optimizer.npz"),
                 **{"optimizer_%d" % i: np.asarray(v.numpy()) for i, v in enumerate(model.optimizer.variables)})
        optimizers[name] = {"paths": [v.path for v in model.optimizer.variables],
                            "iterations": int(model.optimizer.iterations.numpy())}
    with open(os.path.join(a.out, "optimizers.json"), "w") as f:
        json.dump(optimizers, f, indent=1)

    expected = {}
    for name, model, files in (("mlp", mlp, ("mlp.keras", "mlp.h5")), ("functional", functional, ("functional.keras",)),
                               ("cnn", cnn, ("cnn.keras",)), ("bn", bn, ("bn.keras", "bn.h5")), ("gap", gap, ("gap.keras",))):
        for f in files:
            model.save(os.path.join(a.out, f))
        images = x_test.reshape((-1,) + tuple(model.input_shape[1:]))
        probabilities = model.predict(images, batch_size=1000, verbose=0).astype(np.float32)
        np.save(os.path.join(a.out, name + ".probabilities.npy"), probabilities)
        if model.compiled:
            loss, accuracy = model.evaluate(images, y_test, batch_size=1000, verbose=0)
            expected[name] = {"accuracy": float(accuracy), "loss": float(loss), "keras_version": keras.__version__}
    keras.Sequential([keras.layers.Input(shape=(28, 28)), keras.layers.Flatten(),
                      keras.layers.Lambda(lambda t: t * 2.0), keras.layers.Dense(10, activation="softmax")]
                     ).save(os.path.join(a.out, "lambda.keras"))
    keras.Sequential([keras.layers.Input(shape=(28, 28, 1)), keras.layers.Conv2D(4, 3, kernel_regularizer="l2"),
                      keras.layers.GaussianNoise(0.1), keras.layers.Flatten(), keras.layers.Dense(10, activation="gelu")]
                     ).save(os.path.join(a.out, "conv.keras"))
    with open(os.path.join(a.out, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
    print(json.dumps(expected))


if __name__ == "__main__":
    main()
