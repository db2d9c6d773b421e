#!/usr/bin/env python3
"""Checks a KerasJ-exported SavedModel of several named inputs and outputs in Python TensorFlow.

  python check_java_named_export.py DIR INPUTS.npz OUTPUTS.npz [--tol 1e-5]

loads DIR with tf.saved_model.load(DIR).signatures["serving_default"] (as TF Serving
serves it), feeds every array of INPUTS.npz to the signature input of the same name
(in the signature's own dtype: an int32 input gets int32 values), and compares every
output of the signature, by name, with the array of that name in OUTPUTS.npz (what
KerasJ's model predicted in Java): max |d| <= --tol.

Prints one line per input ("input NAME DTYPE SHAPE") and per output
("output NAME SHAPE max|d| X ok"). Exit status: 0 when the names match and every
output is within the tolerance, 1 on a mismatch (each one named), 2 on unusable input.
"""

import argparse
import os
import sys

import numpy as np


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("dir")
    p.add_argument("inputs")
    p.add_argument("outputs")
    p.add_argument("--tol", type=float, default=1e-5)
    args = p.parse_args(argv)
    if not os.path.isfile(os.path.join(args.dir, "saved_model.pb")):
        print("check_java_named_export: no saved_model.pb in %s" % args.dir, file=sys.stderr)
        return 2
    inputs = dict(np.load(args.inputs))
    expected = dict(np.load(args.outputs))

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import tensorflow as tf

    fn = tf.saved_model.load(args.dir).signatures["serving_default"]
    _, specs = fn.structured_input_signature
    problems = []
    if sorted(specs) != sorted(inputs):
        problems.append("signature inputs %s, INPUTS.npz has %s" % (sorted(specs), sorted(inputs)))
    if sorted(fn.structured_outputs) != sorted(expected):
        problems.append("signature outputs %s, OUTPUTS.npz has %s" % (sorted(fn.structured_outputs), sorted(expected)))
    if problems:
        for q in problems:
            print("MISMATCH: " + q, file=sys.stderr)
        return 1
    feeds = {}
    for name in sorted(specs):
        spec = specs[name]
        print("input %s %s %s" % (name, spec.dtype.name, spec.shape.as_list()))
        feeds[name] = tf.constant(inputs[name].astype(spec.dtype.as_numpy_dtype))
    got = fn(**feeds)
    for name in sorted(expected):
        out = got[name].numpy().astype(np.float64)
        want = expected[name].astype(np.float64)
        if out.shape != want.shape:
            problems.append("output %s: shape %s, KerasJ %s" % (name, out.shape, want.shape))
            continue
        d = float(np.max(np.abs(out - want))) if out.size else 0.0
        ok = d <= args.tol
        print("output %s %s max|d| %.3g %s" % (name, list(out.shape), d, "ok" if ok else "MISMATCH"))
        if not ok:
            problems.append("output %s: max |d| %.3g > %g" % (name, d, args.tol))
    if problems:
        for q in problems:
            print("MISMATCH: " + q, file=sys.stderr)
        return 1
    print("OK: TensorFlow %s gives KerasJ's outputs by name" % tf.__version__)
    return 0


if __name__ == "__main__":
    sys.exit(main())
