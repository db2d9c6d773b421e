"""TensorFlow's gradients of a concatenation, for KerasJ's ConcatGradientPythonTest.

Reads JSON problems written by the Java test (src/test/java/io/kerasj/engine/ConcatProblem.java):
y = sum(w * concat([tanh(x1 * a1), x2 * x2 * a2, sin(x3 + a3)][:n], axis)) in float64, and prints one JSON object per problem,
one a line: {"gradients": [...]}, the flat gradients of y in the order a_1..a_n, w, x_1..x_n, computed with tf.GradientTape.

Usage: concat_gradients.py PROBLEM.json...
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402


def gradients(problem):
    n = len(problem["inputs"])
    a = [tf.Variable(np.array(p["values"], "float64").reshape(p["shape"])) for p in problem["parameters"]]
    w = tf.Variable(np.array(problem["w"]["values"], "float64").reshape(problem["w"]["shape"]))
    x = [tf.constant(np.array(p["values"], "float64").reshape(p["shape"])) for p in problem["inputs"]]
    with tf.GradientTape() as tape:
        tape.watch(x)
        parts = [tf.tanh(x[0] * a[0]), x[1] * x[1] * a[1], tf.sin(x[2] + a[2]) if n > 2 else None][:n]
        y = tf.reduce_sum(w * tf.concat(parts, axis=problem["axis"]))
    grads = tape.gradient(y, a + [w] + x)
    return [g.numpy().flatten().tolist() for g in grads]


if __name__ == "__main__":
    for path in sys.argv[1:]:
        with open(path) as f:
            print(json.dumps({"gradients": gradients(json.load(f))}))
