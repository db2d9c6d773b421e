#!/usr/bin/env python3
"""Writes the Keras 3 SavedModels (model.export) that `kerasj predict` once got wrong, with Python's answers.

  python make_predict_models.py OUT [--data DIR]

Each is trained for one epoch on the first 20,000 training images, then exported with model.export(OUT/NAME):

  - rescaling/     Input(28,28) -> Rescaling(1/255) -> Flatten -> Dense(64, relu) -> Dense(10, softmax): takes raw pixels
  - sigmoid/       one sigmoid output: "is it an ankle boot (class 9)?"
  - three/         3 classes (test images of classes 0, 1, 2 only)
  - two_outputs/   outputs "logits" and "probabilities" (a dict of outputs)
  - two_inputs/    inputs "left" (the left 14 columns) and "right" (the right 14 columns), concatenated
  - tf_saved_model/  the sigmoid model written by tf.saved_model.save instead of model.export: TensorFlow's C++
                   loader cannot restore its Keras 3 variables (KerasJ must explain this)

and OUT/expected.json with, per model, Python's accuracy on its test set and its first output row; plus the inputs
the Java tests feed: OUT/test_uint8.npy (all 10,000 test images, uint8), OUT/test_labels.npy,
OUT/binary_labels.npy (1 for class 9), OUT/three_images.npy (uint8 test images of classes 0-2), OUT/three_labels.npy,
OUT/left.npy and OUT/right.npy (float32 halves of the test images / 255).
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
    a = p.parse_args()
    import keras
    import tensorflow as tf
    keras.utils.set_random_seed(11)
    (x_train, y_train), (x_test, y_test) = fmnist_data.load(a.data)
    x_train, y_train = x_train[:20000], y_train[:20000]
    xf_train, xf_test = x_train.astype("float32") / 255.0, x_test.astype("float32") / 255.0
    os.makedirs(a.out, exist_ok=True)
    expected = {}

    def fit(model, x, y, loss="sparse_categorical_crossentropy"):
        model.compile(loss=loss, optimizer="adam", metrics=["accuracy"])
        model.fit(x, y, epochs=1, batch_size=64, verbose=0)

    rescaling = keras.Sequential([keras.layers.Input(shape=(28, 28)), keras.layers.Rescaling(1 / 255.0),
                                  keras.layers.Flatten(), keras.layers.Dense(64, activation="relu"),
                                  keras.layers.Dense(10, activation="softmax")])
    fit(rescaling, x_train.astype("float32"), y_train)
    out = rescaling.predict(x_test.astype("float32"), verbose=0)
    expected["rescaling"] = {"accuracy": float(np.mean(out.argmax(1) == y_test)), "first": out[0].tolist()}
    rescaling.export(os.path.join(a.out, "rescaling"), verbose=False)

    sigmoid = keras.Sequential([keras.layers.Input(shape=(28, 28)), keras.layers.Flatten(),
                                keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1, activation="sigmoid")])
    fit(sigmoid, xf_train, (y_train == 9).astype("float32"), loss="binary_crossentropy")
    out = sigmoid.predict(xf_test, verbose=0)
    binary = (y_test == 9).astype(np.int64)
    expected["sigmoid"] = {"accuracy": float(np.mean((out[:, 0] > 0.5) == binary)), "first": out[0].tolist()}
    sigmoid.export(os.path.join(a.out, "sigmoid"), verbose=False)
    tf.saved_model.save(sigmoid, os.path.join(a.out, "tf_saved_model"))

    keep, keep_test = y_train < 3, y_test < 3
    three = keras.Sequential([keras.layers.Input(shape=(28, 28)), keras.layers.Flatten(),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(3, activation="softmax")])
    fit(three, xf_train[keep], y_train[keep])
    out = three.predict(xf_test[keep_test], verbose=0)
    expected["three"] = {"accuracy": float(np.mean(out.argmax(1) == y_test[keep_test])), "first": out[0].tolist()}
    three.export(os.path.join(a.out, "three"), verbose=False)

    inputs = keras.Input(shape=(28, 28), name="pixels")
    logits = keras.layers.Dense(10, name="logits")(keras.layers.Dense(32, activation="relu")(keras.layers.Flatten()(inputs)))
    probabilities = keras.layers.Softmax(name="probabilities")(logits)
    two_outputs = keras.Model(inputs, {"logits": logits, "probabilities": probabilities})
    two_outputs.compile(loss={"probabilities": "sparse_categorical_crossentropy"}, optimizer="adam")
    two_outputs.fit(xf_train, {"probabilities": y_train}, epochs=1, batch_size=64, verbose=0)
    out = two_outputs.predict(xf_test, verbose=0)["probabilities"]
    expected["two_outputs"] = {"accuracy": float(np.mean(out.argmax(1) == y_test)), "first": out[0].tolist()}
    two_outputs.export(os.path.join(a.out, "two_outputs"), verbose=False)

    left, right = keras.Input(shape=(28, 14), name="left"), keras.Input(shape=(28, 14), name="right")
    joined = keras.layers.Concatenate()([keras.layers.Flatten()(left), keras.layers.Flatten()(right)])
    two_inputs = keras.Model([left, right], keras.layers.Dense(10, activation="softmax")(
        keras.layers.Dense(32, activation="relu")(joined)))
    fit(two_inputs, [xf_train[:, :, :14], xf_train[:, :, 14:]], y_train)
    out = two_inputs.predict([xf_test[:, :, :14], xf_test[:, :, 14:]], verbose=0)
    expected["two_inputs"] = {"accuracy": float(np.mean(out.argmax(1) == y_test)), "first": out[0].tolist()}
    two_inputs.export(os.path.join(a.out, "two_inputs"), verbose=False)

    np.save(os.path.join(a.out, "test_uint8.npy"), x_test)
    np.save(os.path.join(a.out, "test_labels.npy"), y_test.astype(np.int64))
    np.save(os.path.join(a.out, "binary_labels.npy"), binary)
    np.save(os.path.join(a.out, "three_images.npy"), x_test[keep_test])
    np.save(os.path.join(a.out, "three_labels.npy"), y_test[keep_test].astype(np.int64))
    np.save(os.path.join(a.out, "left.npy"), np.ascontiguousarray(xf_test[:, :, :14]))
    np.save(os.path.join(a.out, "right.npy"), np.ascontiguousarray(xf_test[:, :, 14:]))
    with open(os.path.join(a.out, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
    print(json.dumps({k: v["accuracy"] for k, v in expected.items()}))


if __name__ == "__main__":
    main()
