#!/usr/bin/env python3
"""Java -> Python: loads a SavedModel that KerasJ exported and checks Python reproduces Java's outputs.

  python java_to_python.py MODEL_DIR JAVA_OUTPUTS.f32 [--tolerance 1e-6]

JAVA_OUTPUTS.f32 holds what Java's model.predict gave for the 10,000 Fashion-MNIST test images (raw
little-endian float32, [10000, classes]). The model is loaded twice, as Python users load it:
tf.saved_model.load(DIR).signatures["serving_default"] and keras.layers.TFSMLayer(DIR, call_endpoint=
"serving_default"), each fed the test images (float32 pixels / 255, [N, 28, 28]). It prints one JSON line
{"saved_model_load": max|d|, "tfsm_layer": max|d|, "argmax_equal": ..., "accuracy": ...} and exits 1 when
either max|d| exceeds the tolerance or an argmax differs, 2 on unusable input.
"""

import argparse
import json
import os
import sys

import numpy as np

import fmnist_data


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("dir", help="the SavedModel folder KerasJ wrote")
    p.add_argument("outputs", help="Java's outputs on the test images, raw float32 [N, classes]")
    p.add_argument("--tolerance", type=float, default=1e-6, help="max |d| allowed (default 1e-6)")
    p.add_argument("--data", default=None, help="the IDX folder (default $KERASJ_DATA, else %s)" % fmnist_data.DEFAULT_DIR)
    args = p.parse_args(argv)
    if not os.path.isfile(os.path.join(args.dir, "saved_model.pb")):
        print("java_to_python: %s: expected a SavedModel folder with saved_model.pb" % args.dir, file=sys.stderr)
        return 2
    (_, _), (x_test, y_test) = fmnist_data.load(args.data or fmnist_data.default_dir())
    x = x_test.astype(np.float32) / np.float32(255)
    java = np.fromfile(args.outputs, dtype="<f4")
    if java.size % len(x) != 0:
        print("java_to_python: %s: expected [%d, classes] float32 values, found %d values" % (args.outputs, len(x), java.size),
              file=sys.stderr)
        return 2
    java = java.reshape(len(x), -1)

    import keras
    import tensorflow as tf
    fn = tf.saved_model.load(args.dir).signatures["serving_default"]
    _, kwargs = fn.structured_input_signature
    (in_name, in_spec), = kwargs.items()
    if len(in_spec.shape) == 4:   # a convolutional model takes [N, 28, 28, 1]
        x = x[..., np.newaxis]
    out_name, = fn.structured_outputs.keys()
    by_load = np.concatenate([fn(**{in_name: tf.constant(x[i:i + 1000])})[out_name].numpy() for i in range(0, len(x), 1000)])
    layer = keras.layers.TFSMLayer(args.dir, call_endpoint="serving_default")
    by_layer = []
    for i in range(0, len(x), 1000):
        out = layer(tf.constant(x[i:i + 1000]))
        by_layer.append((out[out_name] if isinstance(out, dict) else out).numpy())
    by_layer = np.concatenate(by_layer)

    report = {"images": int(len(x)), "signature": {"input": in_name, "output": out_name},
              "saved_model_load": float(np.max(np.abs(by_load - java))),
              "tfsm_layer": float(np.max(np.abs(by_layer - java))),
              "argmax_equal": bool(np.array_equal(np.argmax(by_load, 1), np.argmax(java, 1))
                                   and np.array_equal(np.argmax(by_layer, 1), np.argmax(java, 1))),
              "accuracy_python": float(np.mean(np.argmax(by_load, 1) == y_test)),
              "accuracy_java": float(np.mean(np.argmax(java, 1) == y_test)),
              "tolerance": args.tolerance,
              "versions": {"tensorflow": tf.__version__, "keras": keras.__version__}}
    print(json.dumps(report))
    ok = report["saved_model_load"] <= args.tolerance and report["tfsm_layer"] <= args.tolerance and report["argmax_equal"]
    if not ok:
        print("java_to_python: Python's outputs differ from Java's beyond %g: %s" % (args.tolerance, report), file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
