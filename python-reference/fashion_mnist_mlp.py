#!/usr/bin/env python3
"""The seed notebook as a script: Keras MLP on Fashion-MNIST, the Python side of KerasJ's parity.

Trains Flatten -> Dense(300, relu) -> Dense(100, relu) -> Dense(10, softmax) with
SGD and sparse categorical cross-entropy (the TF 2.3-era notebook, written so it
runs on TensorFlow 2.15 / Keras 2.15), prints what the notebook printed, and writes

  OUT/saved_model/        the trained model as a SavedModel directory
  OUT/python_outputs.json what Python computed, in the layout KerasJ's parity tests read

Usage:  python fashion_mnist_mlp.py --epochs 10 --seed 42 --out out/
See README.md beside this file for the versions to install.
"""

import argparse
import importlib
import json
import os
import platform
import sys

import numpy as np

import fmnist_data

HERE = os.path.dirname(os.path.abspath(__file__))
FIRST_ROWS = 10   # all 10 columns of the first 10 test images ...
LAST_ROWS = 3     # ... and of the last 3


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--epochs", type=int, default=10, help="training epochs (default 10)")
    p.add_argument("--seed", type=int, default=None,
                   help="seed for Python, numpy and TensorFlow (tf.keras.utils.set_random_seed); default: unseeded")
    p.add_argument("--deterministic", action="store_true",
                   help="also call tf.config.experimental.enable_op_determinism() (slower; bit-for-bit reruns)")
    p.add_argument("--out", default=os.path.join(HERE, "out"),
                   help="output folder for saved_model/ and python_outputs.json (default python-reference/out)")
    p.add_argument("--data", default=None,
                   help="folder with the four Fashion-MNIST IDX files (.gz or not) instead of Keras's download")
    args = p.parse_args(argv)
    if args.epochs < 1:
        p.error("--epochs: expected a positive integer, found %d" % args.epochs)
    return args


def keras_version(keras):
    """tf.keras's version: keras.__version__ where present, else the installed keras package's."""
    v = getattr(keras, "__version__", None)
    if v:
        return v
    try:
        return importlib.import_module("keras").__version__
    except Exception:  # noqa: BLE001 - a version string is only informational
        try:
            from importlib.metadata import version
            return version("keras")
        except Exception:  # noqa: BLE001
            return "unknown"


def serving_signature(saved_dir):
    """Loads saved_dir and returns (function, input name, input spec, output name) of serving_default."""
    import tensorflow as tf
    loaded = tf.saved_model.load(saved_dir)
    fn = loaded.signatures["serving_default"]
    _, kwargs = fn.structured_input_signature
    if len(kwargs) != 1 or len(fn.structured_outputs) != 1:
        raise ValueError("expected one input and one output in serving_default, found inputs %s, outputs %s"
                         % (sorted(kwargs), sorted(fn.structured_outputs)))
    (in_name, in_spec), = kwargs.items()
    out_name, = fn.structured_outputs.keys()
    return loaded, fn, in_name, in_spec, out_name


def main(argv=None):
    args = parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "1")

    import tensorflow as tf
    from tensorflow import keras

    kv = keras_version(keras)
    print(tf.__version__)
    print(kv)
    keras_major = int(kv.split(".")[0]) if kv[:1].isdigit() else 2

    if args.seed is not None:
        tf.keras.utils.set_random_seed(args.seed)
    if args.deterministic:
        tf.config.experimental.enable_op_determinism()

    # --- the data, as in the notebook ---------------------------------------
    (X_train_full, y_train_full), (X_test, y_test) = fmnist_data.load(args.data)
    print(X_train_full.shape, X_train_full.dtype)
    X_valid, X_train = X_train_full[:5000] / 255.0, X_train_full[5000:] / 255.0
    y_valid, y_train = y_train_full[:5000], y_train_full[5000:]
    X_test = X_test / 255.0
    print(X_train.shape, y_train.shape)
    print(X_valid.shape, y_valid.shape)
    print(X_test.shape, y_test.shape)

    class_names = fmnist_data.CLASS_NAMES
    print(class_names[y_train[0]])

    # --- the model ----------------------------------------------------------
    model = keras.models.Sequential([
        keras.layers.Flatten(input_shape=[28, 28]),
        keras.layers.Dense(300, activation="relu"),
        keras.layers.Dense(100, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])
    model.summary()
    model.compile(loss="sparse_categorical_crossentropy", optimizer="sgd", metrics=["accuracy"])

    history = model.fit(X_train, y_train, epochs=args.epochs, validation_data=(X_valid, y_valid))
    print(history.history)

    test_loss, test_accuracy = model.evaluate(X_test, y_test)
    print(test_loss, test_accuracy)

    X_new = X_test[:3]
    y_proba = model.predict(X_new)
    print(y_proba.round(2))
    y_pred = np.argmax(y_proba, axis=-1)  # predict_classes() of TF 2.3 was removed in TF 2.6
    print(y_pred)
    print(np.array(class_names)[y_pred])

    # --- what the Java parity tests read ------------------------------------
    os.makedirs(args.out, exist_ok=True)
    saved_dir = os.path.join(args.out, "saved_model")
    if keras_major >= 3:
        # Keras 3 (TF >= 2.16 without tf-keras): model.save() writes only .keras files;
        # export() writes the inference SavedModel (signature names differ: keras_tensor/output_0).
        model.export(saved_dir)
    else:
        model.save(saved_dir, save_format="tf")
    print("SavedModel written to", saved_dir)

    probs = model.predict(X_test, verbose=0)
    n = probs.shape[0]
    p_label = probs[np.arange(n), y_test].astype(np.float64)
    derived_accuracy = float(np.mean(np.argmax(probs, axis=-1) == y_test))
    with np.errstate(divide="ignore"):
        derived_loss = float(np.mean(-np.log(p_label)))
    derived_loss_clipped = float(np.mean(-np.log(np.clip(p_label, 1e-7, 1 - 1e-7))))

    # Reload through the signature, as Java and TF Serving will, and compare.
    _, fn, in_name, in_spec, out_name = serving_signature(saved_dir)
    x100 = X_test[:100].astype(in_spec.dtype.as_numpy_dtype)
    reloaded = fn(**{in_name: tf.constant(x100)})[out_name].numpy()
    reload_diff = float(np.max(np.abs(reloaded - probs[:100])))
    print("serving_default: input %s %s %s -> output %s; reload max|d| over 100 images %.3g"
          % (in_name, in_spec.dtype.name, in_spec.shape, out_name, reload_diff))

    rows = {}
    for r in list(range(FIRST_ROWS)) + list(range(n - LAST_ROWS, n)):
        rows[str(r)] = {str(c): float(probs[r, c]) for c in range(probs.shape[1])}

    outputs = {
        "source": "outputs computed by python-reference/fashion_mnist_mlp.py (TensorFlow %s / Keras %s) "
                  "for the model it saved in saved_model/" % (tf.__version__, kv),
        "input_preprocessing": "Fashion-MNIST test images in file order, float32 pixels / 255.0, shape [N, 28, 28]",
        "evaluate": {"images": int(n), "loss": float(test_loss), "accuracy": float(test_accuracy)},
        "predict_printed_entries": {
            "note": "all 10 columns of model.predict(X_test) for the first %d and the last %d test images; "
                    "float32 values written as float(x), i.e. exactly" % (FIRST_ROWS, LAST_ROWS),
            "rows": rows,
        },
        "predicted_class_of_test_image_0": int(np.argmax(probs[0])),
        "history": {k: [float(v) for v in vs] for k, vs in history.history.items()},
        "derived_from_predict": {
            "note": "from model.predict(X_test): accuracy of argmax, mean -log p[label] unclipped "
                    "(what Keras >= 2.6 reports for a softmax output) and clipped to [1e-7, 1-1e-7]",
            "accuracy": derived_accuracy,
            "loss_unclipped": derived_loss if np.isfinite(derived_loss) else None,  # None: some p[label] was 0
            "loss_clipped": derived_loss_clipped,
        },
        "saved_model": {
            "path": "saved_model",
            "written_with": "model.export()" if keras_major >= 3 else "model.save(save_format=\"tf\")",
            "signature": {"key": "serving_default", "input": in_name, "input_dtype": in_spec.dtype.name,
                          "input_shape": [None if d is None else int(d) for d in in_spec.shape.as_list()],
                          "output": out_name},
            "reload_max_abs_diff_first_100": reload_diff,
        },
        "settings": {"epochs": args.epochs, "seed": args.seed, "deterministic": args.deterministic,
                     "batch_size": 32, "optimizer": "sgd (learning rate 0.01)",
                     "train": "train images 5000..59999", "valid": "train images 0..4999"},
        "versions": {"python": platform.python_version(), "tensorflow": tf.__version__, "keras": kv,
                     "numpy": np.__version__, "platform": platform.platform()},
    }
    json_path = os.path.join(args.out, "python_outputs.json")
    tmp = json_path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(outputs, f, indent=2, allow_nan=False)
        f.write("\n")
    os.replace(tmp, json_path)
    print("Outputs written to", json_path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
