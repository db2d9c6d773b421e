#!/usr/bin/env python3
"""Java -> Python: loads a SavedModel that KerasJ exported and checks Python reproduces Java's outputs.

  python java_to_python.py MODEL_DIR JAVA_OUTPUTS.f32 [MODEL_DIR JAVA_OUTPUTS.f32 ...] [--tolerance 1e-6] [--report-only]

JAVA_OUTPUTS.f32 holds what Java's model.predict gave for the 10,000 Fashion-MNIST test images (raw
little-endian float32, [10000, classes]). The model is loaded twice, as Python users load it:
tf.saved_model.load(DIR).signatures["serving_default"] and keras.layers.TFSMLayer(DIR, call_endpoint=
"serving_default"), each fed the test images (float32 pixels / 255, [N, 28, 28]). For each pair, in order, it
prints one JSON line {"saved_model_load": max|d|, "tfsm_layer": max|d|, "argmax_equal": ..., "accuracy": ...}
(several pairs share one process, so TensorFlow is imported once). It exits 1 when either max|d| of a model
exceeds the tolerance or an argmax differs (0 with --report-only: the caller judges the reports), 2 on unusable
input.
"""

import argparse
import json
import os
import sys

import numpy as np

import fmnist_data


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("pairs", nargs="+", metavar="DIR OUTPUTS",
                   help="the SavedModel folder KerasJ wrote, then Java's outputs on the test images, raw float32 [N, classes]")
    p.add_argument("--tolerance", type=float, default=1e-6, help="max |d| allowed (default 1e-6)")
    p.add_argument("--report-only", action="store_true", help="exit 0 whatever the differences (the caller judges)")
    p.add_argument("--data", default=None, help="the IDX folder (default $KERASJ_DATA, else %s)" % fmnist_data.DEFAULT_DIR)
    args = p.parse_args(argv)
    if len(args.pairs) % 2 != 0:
        print("java_to_python: expected pairs of MODEL_DIR JAVA_OUTPUTS.f32, found %d arguments" % len(args.pairs), file=sys.stderr)
        return 2
    pairs = list(zip(args.pairs[0::2], args.pairs[1::2]))
    for model_dir, _ in pairs:
        if not os.path.isfile(os.path.join(model_dir, "saved_model.pb")):
            print("java_to_python: %s: expected a SavedModel folder with saved_model.pb" % model_dir, file=sys.stderr)
            return 2
    (_, _), (x_test, y_test) = fmnist_data.load(args.data or fmnist_data.default_dir())
    images = x_test.astype(np.float32) / np.float32(255)
    javas = []
    for _, outputs in pairs:
        java = np.fromfile(outputs, dtype="<f4")
        if java.size % len(images) != 0:
            print("java_to_python: %s: expected [%d, classes] float32 values, found %d values" % (outputs, len(images), java.size),
                  file=sys.stderr)
            return 2
        javas.append(java.reshape(len(images), -1))

    import keras
    import tensorflow as tf
    ok = True
    for (model_dir, _), java in zip(pairs, javas):
        report = compare(keras, tf, model_dir, images, y_test, java, args.tolerance)
        print(json.dumps(report), flush=True)
        if not (report["saved_model_load"] <= args.tolerance and report["tfsm_layer"] <= args.tolerance and report["argmax_equal"]):
            print("java_to_python: %s: Python's outputs differ from Java's beyond %g: %s" % (model_dir, args.tolerance, report),
                  file=sys.stderr)
            ok = False
    return 0 if ok or args.report_only else 1


def compare(keras, tf, model_dir, x, y_test, java, tolerance):
    """The report of one model: Python's outputs by both loaders against Java's."""
    fn = tf.saved_model.load(model_dir).signatures["serving_default"]
    _, kwargs = fn.structured_input_signature
    (in_name, in_spec), = kwargs.items()
    if len(in_spec.shape) == 4:   # a convolutional model takes [N, 28, 28, 1]
        x = x[..., np.newaxis]
    out_name, = fn.structured_outputs.keys()
    by_load = np.concatenate([fn(**{in_name: tf.constant(x[i:i + 1000])})[out_name].numpy() for i in range(0, len(x), 1000)])
    layer = keras.layers.TFSMLayer(model_dir, call_endpoint="serving_default")
    by_layer = []
    for i in range(0, len(x), 1000):
        out = layer(tf.constant(x[i:i + 1000]))
        by_layer.append((out[out_name] if isinstance(out, dict) else out).numpy())
    by_layer = np.concatenate(by_layer)
    return {"model": model_dir, "images": int(len(x)), "signature": {"input": in_name, "output": out_name},
            "saved_model_load": float(np.max(np.abs(by_load - java))),
            "tfsm_layer": float(np.max(np.abs(by_layer - java))),
            "argmax_equal": bool(np.array_equal(np.argmax(by_load, 1), np.argmax(java, 1))
                                 and np.array_equal(np.argmax(by_layer, 1), np.argmax(java, 1))),
            "accuracy_python": float(np.mean(np.argmax(by_load, 1) == y_test)),
            "accuracy_java": float(np.mean(np.argmax(java, 1) == y_test)),
            "tolerance": tolerance,
            "versions": {"tensorflow": tf.__version__, "keras": keras.__version__}}


if __name__ == "__main__":
    sys.exit(main())
