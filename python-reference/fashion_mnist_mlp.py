#!/usr/bin/env python3
"""The seed notebook in Keras 3: the Python side of KerasJ's Python -> Java parity.

Trains Flatten(28, 28) -> Dense(300, relu) -> Dense(100, relu) -> Dense(10, softmax) with SGD (learning rate
0.01), sparse categorical cross-entropy and accuracy on Fashion-MNIST read from the IDX files (train images
5000..59999, validation 0..4999, batch 32, shuffled), then writes into OUT (atomically, see artifacts.py):

  saved_model/         model.export(): the inference SavedModel (serve / serving_default)
  model.keras          model.save() in the Keras 3 format
  model.h5             model.save() in the legacy HDF5 format
  python_outputs.json  evaluate loss/accuracy, history, the probabilities of all 10,000 test images, versions
  index.json           what the folder holds

Usage:  python fashion_mnist_mlp.py --out ../target/python-reference/notebook [--epochs 1] [--seed 42]
"""

import argparse
import os
import sys
import time

import numpy as np

import artifacts
import fmnist_data

FIRST_ROWS = 10   # printed entries, in the layout of the frozen keras214 reference
LAST_ROWS = 3


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--epochs", type=int, default=1, help="training epochs (default 1, to keep CI short)")
    p.add_argument("--seed", type=int, default=42, help="keras.utils.set_random_seed (default 42)")
    p.add_argument("--out", required=True, help="the output folder (replaced if a previous run wrote it)")
    p.add_argument("--data", default=None, help="the four Fashion-MNIST IDX files (default $KERASJ_DATA, else %s)"
                   % fmnist_data.DEFAULT_DIR)
    args = p.parse_args(argv)
    if args.epochs < 1:
        p.error("--epochs: expected a positive integer, found %d" % args.epochs)
    return args


def serving_signature(saved_dir):
    """(function, input name, input spec, output name) of a SavedModel's serving_default signature."""
    import tensorflow as tf
    fn = tf.saved_model.load(saved_dir).signatures["serving_default"]
    _, kwargs = fn.structured_input_signature
    (in_name, in_spec), = kwargs.items()
    out_name, = fn.structured_outputs.keys()
    return fn, in_name, in_spec, out_name


def main(argv=None):
    args = parse_args(argv)
    started = time.time()
    import keras
    import tensorflow as tf

    keras.utils.set_random_seed(args.seed)
    (x_full, y_full), (x_test, y_test) = fmnist_data.load(args.data or fmnist_data.default_dir())
    scale = np.float32(255)
    x_valid, x_train = x_full[:5000].astype(np.float32) / scale, x_full[5000:].astype(np.float32) / scale
    y_valid, y_train = y_full[:5000], y_full[5000:]
    x_test = x_test.astype(np.float32) / scale

    model = keras.Sequential([
        keras.Input(shape=(28, 28)),
        keras.layers.Flatten(),
        keras.layers.Dense(300, activation="relu"),
        keras.layers.Dense(100, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])
    model.compile(loss="sparse_categorical_crossentropy", optimizer="sgd", metrics=["accuracy"])
    history = model.fit(x_train, y_train, epochs=args.epochs, validation_data=(x_valid, y_valid), verbose=2)
    test_loss, test_accuracy = model.evaluate(x_test, y_test, verbose=0)
    probs = model.predict(x_test, verbose=0)
    print("test loss %.6f accuracy %.4f" % (test_loss, test_accuracy))

    out = artifacts.ReferenceFolder(args.out)
    model.export(out.path("saved_model"), verbose=False)
    model.save(out.path("model.keras"))
    model.save(out.path("model.h5"))
    fn, in_name, in_spec, out_name = serving_signature(out.path("saved_model"))
    reloaded = fn(**{in_name: tf.constant(x_test[:100])})[out_name].numpy()

    rows = {str(r): {str(c): float(probs[r, c]) for c in range(10)}
            for r in list(range(FIRST_ROWS)) + list(range(len(probs) - LAST_ROWS, len(probs)))}
    outputs = {
        "source": "python-reference/fashion_mnist_mlp.py (TensorFlow %s / Keras %s)" % (tf.__version__, keras.__version__),
        "input_preprocessing": "Fashion-MNIST test images in file order, float32 pixels / 255, shape [N, 28, 28]",
        "evaluate": {"images": int(len(probs)), "loss": float(test_loss), "accuracy": float(test_accuracy)},
        "predict_printed_entries": {"note": "all 10 columns for the first %d and last %d test images" % (FIRST_ROWS, LAST_ROWS),
                                    "rows": rows},
        "predicted_class_of_test_image_0": int(np.argmax(probs[0])),
        "history": {k: [float(v) for v in vs] for k, vs in history.history.items()},
        "test_probabilities": [[float(v) for v in row] for row in probs],
        "saved_model": {"path": "saved_model", "written_with": "model.export()",
                        "signature": {"key": "serving_default", "input": in_name, "output": out_name},
                        "reload_max_abs_diff_first_100": float(np.max(np.abs(reloaded - probs[:100])))},
        "files": {"keras": "model.keras", "h5": "model.h5"},
        "settings": {"epochs": args.epochs, "seed": args.seed, "batch_size": 32, "optimizer": "sgd (learning rate 0.01)",
                     "shuffle": True, "train": "train images 5000..59999", "valid": "train images 0..4999"},
        "versions": artifacts.versions(),
        "seconds": round(time.time() - started, 1),
    }
    with open(out.path("python_outputs.json"), "w", encoding="utf-8") as f:
        import json
        json.dump(outputs, f, allow_nan=False)
        f.write("\n")
    out.value("python_outputs", "python_outputs.json")
    print("written", out.finish(), "in %.1f s" % (time.time() - started))
    return 0


if __name__ == "__main__":
    sys.exit(main())
