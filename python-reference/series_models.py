#!/usr/bin/env python3
"""The Fashion-MNIST classification series in Keras 3: the models `kerasj notebook --model NAME` runs.

Each is built as KerasJ's io.kerasj.cli.FashionMnistModels builds it, in a fresh Keras session (so layers
are named dense, dense_1, ...). `python series_models.py summary` prints one JSON object: for each model, its
rows (name, class, output shape with None for the batch, parameter count) and its trainable and non-trainable
totals, which KerasJ's summary() must equal.

Usage:  python series_models.py summary
"""

import json
import sys

import numpy as np

NAMES = ["mlp", "normalized", "dnn", "dnn-bn", "dnn-selu", "cnn"]
DEPTH = 20


def build(keras, name, x_train=None, steps_per_execution=1):
    """The compiled Keras model NAME; x_train (float32 [N, 28, 28]) adapts the Normalization of `normalized`.
    steps_per_execution (Keras's compile argument) changes how many steps one call runs, not what they compute."""
    L = keras.layers
    if name == "cnn":
        layers = [keras.Input(shape=(28, 28, 1)),
                  L.Conv2D(32, 3, padding="same", activation="relu"), L.MaxPooling2D(2),
                  L.Conv2D(64, 3, padding="same", activation="relu"), L.MaxPooling2D(2),
                  L.Flatten(), L.Dense(128, activation="relu"), L.Dense(10, activation="softmax")]
    else:
        layers = [keras.Input(shape=(28, 28)), L.Flatten()]
        if name in ("mlp", "normalized"):
            if name == "normalized":
                norm = L.Normalization()
                norm.adapt(x_train.reshape(len(x_train), -1) if x_train is not None else np.zeros((1, 784), np.float32))
                layers.append(norm)
            layers += [L.Dense(300, activation="relu"), L.Dense(100, activation="relu")]
        elif name in ("dnn", "dnn-bn"):
            if name == "dnn-bn":
                layers.append(L.BatchNormalization())
            for _ in range(DEPTH):
                layers.append(L.Dense(100, activation="relu"))
                if name == "dnn-bn":
                    layers.append(L.BatchNormalization())
        elif name == "dnn-selu":
            layers += [L.Dense(100, activation="selu", kernel_initializer="lecun_normal") for _ in range(DEPTH)]
            layers.append(L.AlphaDropout(0.1))
        else:
            raise SystemExit("unknown model %r (expected one of %s)" % (name, ", ".join(NAMES)))
        layers.append(L.Dense(10, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(loss="sparse_categorical_crossentropy", optimizer="adam" if name == "cnn" else "sgd", metrics=["accuracy"],
                  steps_per_execution=steps_per_execution)
    return model


def summary(keras, model):
    def count(weights):
        return int(sum(np.prod(w.shape) for w in weights))
    rows = [{"name": layer.name, "class": type(layer).__name__,
             "shape": [d if d is not None else -1 for d in layer.output.shape], "params": layer.count_params()}
            for layer in model.layers]
    return {"rows": rows, "trainable": count(model.trainable_weights), "non_trainable": count(model.non_trainable_weights)}


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv != ["summary"]:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    import keras
    out = {}
    for name in NAMES:
        keras.backend.clear_session()
        out[name] = summary(keras, build(keras, name))
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
