#!/usr/bin/env python3
"""Loads a model file with Keras 3's keras.models.load_model and predicts the Fashion-MNIST test images.

  python predict_keras_file.py MODEL.keras OUT.npy [MODEL.keras OUT.npy ...] [--data DIR]
  python predict_keras_file.py --compile-only MODEL.keras...

With --compile-only, prints one JSON list of each model's optimizer class, learning rate and loss, without predicting.

Writes float32 [10000, classes] predictions on the test images / 255 to OUT.npy, and prints one JSON line with
the model's class, layer names, each layer's kernel and bias initializer (class and config), compile settings
and Keras's evaluate() result when the model is compiled. Several pairs: one line per model, in order, in one
process (TensorFlow imported once).
Used by KerasJ's tests to check that Java-saved .keras files open in Python and reproduce Java's outputs.
"""

import argparse
import json

import numpy as np

import fmnist_data


def compile_only(files):
    import keras
    report = []
    for f in files:
        model = keras.models.load_model(f)
        report.append({"optimizer": type(model.optimizer).__name__,
                       "learning_rate": float(model.optimizer.learning_rate.numpy()),
                       "loss": str(model.loss)})
    print(json.dumps(report))


def main():
    import sys
    if len(sys.argv) > 1 and sys.argv[1] == "--compile-only":
        compile_only(sys.argv[2:])
        return
    p = argparse.ArgumentParser()
    p.add_argument("pairs", nargs="+", metavar="MODEL OUT", help="a model file, then where its predictions go (.npy)")
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    a = p.parse_args()
    if len(a.pairs) % 2 != 0:
        p.error("expected pairs of MODEL OUT.npy, found %d arguments" % len(a.pairs))
    import keras
    _, (x_test, y_test) = fmnist_data.load(a.data)
    for model_file, out in zip(a.pairs[0::2], a.pairs[1::2]):
        print(json.dumps(predict(keras, model_file, out, x_test, y_test)), flush=True)


def predict(keras, model_file, out, x_test, y_test):
    """Writes the model's predictions on the test images to OUT; @return its report."""
    model = keras.models.load_model(model_file)  # safe_mode=True (the default)
    x_test = (x_test.astype("float32") / 255.0).reshape((-1,) + tuple(model.input_shape[1:]))
    probabilities = model.predict(x_test, batch_size=1000, verbose=0).astype(np.float32)
    np.save(out, probabilities)
    report = {"class": type(model).__name__, "layers": [l.name for l in model.layers],
              "optimizer": type(model.optimizer).__name__ if model.optimizer else None,
              "weights": {w.path: list(w.shape) for w in model.weights},
              "initializers": {l.name: {"kernel": [type(l.kernel_initializer).__name__, l.kernel_initializer.get_config()],
                                        "bias": [type(l.bias_initializer).__name__, l.bias_initializer.get_config()]}
                               for l in model.layers if hasattr(l, "kernel_initializer")}}
    if model.compiled:
        report["learning_rate"] = float(model.optimizer.learning_rate.numpy())
        report["iterations"] = int(model.optimizer.iterations.numpy())
        report["evaluate"] = [float(v) for v in model.evaluate(x_test, y_test, batch_size=1000, verbose=0)]
    return report


if __name__ == "__main__":
    main()
