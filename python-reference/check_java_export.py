#!/usr/bin/env python3
"""Checks a KerasJ-exported SavedModel in Python TensorFlow against the JSON KerasJ wrote beside it.

  python check_java_export.py ../saved_models/fashion_mnist_mlp

loads DIR with tf.saved_model.load(DIR).signatures["serving_default"], reads the
input and output names from the signature (never assumed), runs the 10,000
Fashion-MNIST test images (float32 pixels / 255.0, [N, 28, 28]) and compares with
DIR.json (e.g. saved_models/fashion_mnist_mlp.json):

  - max |d| of the first 10 rows of probabilities vs "first_probabilities" (<= 1e-5)
  - accuracy over all test images vs "evaluate.accuracy" (within 1e-4)
  - loss, mean -log p[label] unclipped, vs "evaluate.loss" (within 1e-4)

Exit status: 0 when everything matches, 1 on any mismatch (each one named), 2 on
unusable input (missing folder or JSON, a signature this check cannot feed).
"""

import argparse
import json
import math
import os
import sys

import numpy as np

import fmnist_data

SERVING_RECIPE = """\
TF Serving check of {dir} (documentation only; this script does not run it):

  docker run --rm -p 8501:8501 \\
      -v "$(realpath {dir})":/models/fashion/1 \\
      -e MODEL_NAME=fashion tensorflow/serving

  # request.json: {{"signature_name": "serving_default", "instances": [<one or more 28x28 lists of floats in [0,1]>]}}
  curl -s -X POST http://localhost:8501/v1/models/fashion:predict -d @request.json
  # -> {{"predictions": [[10 probabilities], ...]}}; compare with "first_probabilities" in {dir}.json
  curl -s http://localhost:8501/v1/models/fashion/metadata   # the signature as Serving sees it
"""


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("dir", help="the exported SavedModel folder (holding saved_model.pb)")
    p.add_argument("--json", default=None, help="the expectations (default: DIR.json beside the folder)")
    p.add_argument("--data", default=None,
                   help="folder with the four Fashion-MNIST IDX files (.gz or not); default $KERASJ_DATA, else "
                        + fmnist_data.DEFAULT_DIR)
    p.add_argument("--batch-size", type=int, default=1000, help="images per signature call (default 1000)")
    p.add_argument("--prob-tol", type=float, default=1e-5, help="max |d| of the first probabilities (default 1e-5)")
    p.add_argument("--acc-tol", type=float, default=1e-4, help="accuracy tolerance (default 1e-4)")
    p.add_argument("--loss-tol", type=float, default=1e-4, help="loss tolerance (default 1e-4)")
    p.add_argument("--serving", action="store_true",
                   help="print how to check DIR with TF Serving's docker image and exit (runs nothing)")
    return p.parse_args(argv)


def fail_usage(message):
    print("check_java_export: " + message, file=sys.stderr)
    return 2


def main(argv=None):
    args = parse_args(argv)
    model_dir = args.dir.rstrip("/\\") or args.dir
    if args.serving:
        print(SERVING_RECIPE.format(dir=model_dir))
        return 0
    json_path = args.json or model_dir + ".json"
    if not os.path.isfile(os.path.join(model_dir, "saved_model.pb")):
        return fail_usage("expected a SavedModel folder with saved_model.pb, found none in %s" % model_dir)
    if not os.path.isfile(json_path):
        return fail_usage("expected the JSON KerasJ writes beside its export, found no file %s" % json_path)
    with open(json_path, encoding="utf-8") as f:
        expected = json.load(f)
    try:
        exp_loss = float(expected["evaluate"]["loss"])
        exp_acc = float(expected["evaluate"]["accuracy"])
        exp_probs = np.asarray(expected["first_probabilities"], dtype=np.float64)
        exp_labels = [int(v) for v in expected.get("first_labels", [])]
    except (KeyError, TypeError, ValueError) as e:
        return fail_usage("%s: expected evaluate.loss, evaluate.accuracy and first_probabilities, found %r (%s)"
                          % (json_path, sorted(expected), e))
    if exp_probs.ndim != 2 or exp_probs.shape[0] == 0:
        return fail_usage("%s: expected first_probabilities as [rows][classes], found shape %s"
                          % (json_path, exp_probs.shape))

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "1")
    import tensorflow as tf

    print("TensorFlow", tf.__version__)
    loaded = tf.saved_model.load(model_dir)
    if "serving_default" not in loaded.signatures:
        return fail_usage("%s: expected a serving_default signature, found %s" % (model_dir, sorted(loaded.signatures)))
    fn = loaded.signatures["serving_default"]
    _, inputs = fn.structured_input_signature
    outputs = fn.structured_outputs
    if len(inputs) != 1 or len(outputs) != 1:
        return fail_usage("expected one input and one output in serving_default, found inputs %s, outputs %s"
                          % (sorted(inputs), sorted(outputs)))
    (in_name, in_spec), = inputs.items()
    out_name, = outputs.keys()
    in_shape = in_spec.shape.as_list() if in_spec.shape.rank is not None else None
    print("serving_default: input %s %s %s -> output %s %s %s"
          % (in_name, in_spec.dtype.name, in_shape, out_name, outputs[out_name].dtype.name,
             outputs[out_name].shape.as_list()))

    problems = []
    sig = expected.get("signature", {})
    for field, actual in (("key", "serving_default"), ("input", in_name), ("output", out_name)):
        if field in sig and sig[field] != actual:
            problems.append("signature.%s: the JSON says %r, the SavedModel has %r" % (field, sig[field], actual))

    (_, _), (x_test, y_test) = fmnist_data.load(args.data or fmnist_data.default_dir())
    x = x_test.astype(np.float32) / np.float32(255.0)
    if in_shape is not None and len(in_shape) == 2 and in_shape[1] in (784, None):
        x = x.reshape(-1, 784)
    elif in_shape is not None and (len(in_shape) != 3 or in_shape[1:] not in ([28, 28], [None, None])):
        return fail_usage("expected an input of shape [-1,28,28] or [-1,784], found %s" % in_shape)
    x = x.astype(in_spec.dtype.as_numpy_dtype)

    batches = []
    for start in range(0, x.shape[0], args.batch_size):
        out = fn(**{in_name: tf.constant(x[start:start + args.batch_size])})[out_name]
        batches.append(out.numpy())
    probs = np.concatenate(batches).astype(np.float64)
    n = probs.shape[0]
    sums = probs.sum(axis=1)
    print("predicted %d images; row sums in [%.6f, %.6f]" % (n, sums.min(), sums.max()))
    if np.max(np.abs(sums - 1.0)) > 1e-3:
        problems.append("the output rows do not sum to 1 (range %.6f..%.6f): not probabilities" % (sums.min(), sums.max()))

    rows = exp_probs.shape[0]
    if exp_probs.shape[1] != probs.shape[1] or rows > n:
        problems.append("first_probabilities is %s, the model gives %s" % (exp_probs.shape, probs.shape))
    else:
        d = float(np.max(np.abs(probs[:rows] - exp_probs)))
        ok = d <= args.prob_tol
        print("first %d rows: max |d| %.3g (tolerance %g) %s" % (rows, d, args.prob_tol, "ok" if ok else "MISMATCH"))
        if not ok:
            r, c = np.unravel_index(np.argmax(np.abs(probs[:rows] - exp_probs)), exp_probs.shape)
            problems.append("first_probabilities: max |d| %.3g > %g at row %d class %d (Python %.9g, JSON %.9g)"
                            % (d, args.prob_tol, r, c, probs[r, c], exp_probs[r, c]))
    if exp_labels and [int(v) for v in y_test[:len(exp_labels)]] != exp_labels:
        problems.append("first_labels %s differ from the test labels %s: not the same data"
                        % (exp_labels, [int(v) for v in y_test[:len(exp_labels)]]))

    exp_images = expected["evaluate"].get("images")
    if isinstance(exp_images, int) and exp_images != n:
        problems.append("evaluate.images is %d in the JSON, the test set has %d images" % (exp_images, n))

    acc = float(np.mean(np.argmax(probs, axis=1) == y_test))
    ok = abs(acc - exp_acc) <= args.acc_tol
    print("accuracy over %d: %.6f, JSON %.6f (tolerance %g) %s" % (n, acc, exp_acc, args.acc_tol, "ok" if ok else "MISMATCH"))
    if not ok:
        problems.append("accuracy %.6f differs from the JSON's %.6f by more than %g" % (acc, exp_acc, args.acc_tol))

    with np.errstate(divide="ignore"):
        loss = float(np.mean(-np.log(probs[np.arange(n), y_test])))
    ok = math.isfinite(loss) and abs(loss - exp_loss) <= args.loss_tol
    print("loss (mean -log p[label], unclipped): %.6f, JSON %.6f (tolerance %g) %s"
          % (loss, exp_loss, args.loss_tol, "ok" if ok else "MISMATCH"))
    if not ok:
        problems.append("loss %.6f differs from the JSON's %.6f by more than %g" % (loss, exp_loss, args.loss_tol))

    if problems:
        print("\nFAILED: %d mismatch(es) between %s and %s:" % (len(problems), model_dir, json_path), file=sys.stderr)
        for p in problems:
            print("  - " + p, file=sys.stderr)
        return 1
    print("OK: Python TensorFlow %s reproduces %s" % (tf.__version__, json_path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
