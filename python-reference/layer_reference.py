#!/usr/bin/env python3
"""Layer-level references: Keras 3's outputs and gradients for every piece listed in pieces.txt.

Each line of the table is NAME KIND CONFIG. For each, with a fixed batch (8 inputs drawn uniformly in [-1, 1],
labels in 0..2; "samples": N draws N) and fixed weights (uniform in [-0.5, 0.5]), it writes into OUT (raw arrays + index.json):

  NAME/x, NAME/y           the batch
  NAME/weights/i           the weights of the model that is differentiated (see below), set before anything runs
  NAME/forward             layers: the piece's output at inference; losses: the mean loss; optimizers: the
                           weights' change after STEPS steps on the batch, all weights concatenated
  NAME/grads/i             the gradients of the mean sparse categorical cross-entropy for each weight
                           (absent for dropout, whose training masks are random)
  values NAME              {"kind", "config"}

Models: a layer piece alone for the forward; the piece then Dense(3, softmax) for the gradients (with a Flatten
between them when the piece's output has more than one axis per sample). The kind `layer` builds any Keras layer
from CONFIG: {"class": NAME in keras.layers, "args": {...keyword arguments}, "input_shape": [...]}, with
"random": true for a layer whose training output is random (no gradients), "adapt": true for a preprocessing
layer adapted on the batch x before the forward (its adapted weights are the ones written).
The kind `merge` builds a merge layer from CONFIG {"class": NAME, "args": {...}, "input_shapes": [[...], ...]}: it draws
one input per shape (NAME/inputs/i; NAME/x is the first), runs the functional model inputs -> merge -> [Flatten] ->
Dense(3, softmax), and writes the merge's output as NAME/forward and the gradients for each input, then for the
Dense's kernel and bias, as NAME/grads/i.
Weights named *variance are drawn in [0.5, 1.5] (a variance is positive); integer weights (Normalization's count)
are 0. Loss, optimizer and metric pieces: see training_pieces.py (their gradients are those of the piece's loss).
Gradients come from a tf.function GradientTape, as in Keras's own train step.

Usage:  python layer_reference.py --out ../target/python-reference/layers [--table pieces.txt]
"""

import argparse
import json
import os
import sys
import time

import numpy as np

import artifacts
import training_pieces

HERE = os.path.dirname(os.path.abspath(__file__))
BATCH = 8
CLASSES = 3
DEFAULT_INPUT = [5]


def read_table(path):
    """[(name, kind, config)] from the table; one clear error naming the line otherwise."""
    pieces = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split(None, 2)
            if len(parts) != 3:
                raise SystemExit("%s:%d: expected NAME KIND CONFIG, found %r" % (path, number, line))
            try:
                config = json.loads(parts[2])
            except ValueError as e:
                raise SystemExit("%s:%d: CONFIG is not JSON: %s" % (path, number, e))
            pieces.append((parts[0], parts[1], config))
    return pieces


def layer_of(keras, kind, config):
    if kind == "dense":
        return keras.layers.Dense(config["units"], activation=config["activation"])
    if kind == "flatten":
        return keras.layers.Flatten()
    if kind == "dropout":
        return keras.layers.Dropout(config["rate"])
    if kind == "layer":
        return getattr(keras.layers, config["class"])(**config.get("args", {}))
    raise SystemExit("unknown layer kind %r: add it to layer_of() and to the Java LayerParityTest" % kind)


def set_random_weights(model, rng):
    weights = []
    for variable in model.weights:
        if not np.issubdtype(np.dtype(variable.dtype), np.floating):
            weights.append(np.zeros(variable.shape, dtype=np.dtype(variable.dtype)))
        elif variable.name.endswith("variance"):
            weights.append(rng.uniform(0.5, 1.5, variable.shape).astype(np.float32))
        else:
            weights.append(rng.uniform(-0.5, 0.5, variable.shape).astype(np.float32))
    model.set_weights(weights)
    return [w.astype(np.float32) for w in weights]


def gradients(tf, keras, model, loss, x, y):
    @tf.function
    def step(x, y):
        with tf.GradientTape() as tape:
            value = loss(y, model(x, training=True))
        return value, tape.gradient(value, model.trainable_weights)
    value, grads = step(tf.constant(x), tf.constant(y))
    return float(value.numpy()), [g.numpy() for g in grads]


def merge_reference(tf, keras, config, rng, samples, loss):
    """A merge piece: (inputs, labels, head weights, forward, gradients for each input then for each head weight)."""
    inputs = [rng.uniform(-1, 1, [samples] + shape).astype(np.float32) for shape in config["input_shapes"]]
    y = rng.integers(0, CLASSES, samples).astype(np.int32)
    symbolic = [keras.Input(shape=shape) for shape in config["input_shapes"]]
    merged = getattr(keras.layers, config["class"])(**config.get("args", {}))(symbolic)
    alone = keras.Model(symbolic, merged)
    features = keras.layers.Flatten()(merged) if len(merged.shape) > 2 else merged
    model = keras.Model(symbolic, keras.layers.Dense(CLASSES, activation="softmax")(features))
    weights = set_random_weights(model, rng)
    forward = alone([tf.constant(x) for x in inputs], training=False).numpy()

    @tf.function
    def step(xs, labels):
        with tf.GradientTape() as tape:
            tape.watch(xs)
            value = loss(labels, model(xs, training=True))
        return tape.gradient(value, list(xs) + list(model.trainable_weights))
    grads = [g.numpy() for g in step([tf.constant(x) for x in inputs], tf.constant(y))]
    return inputs, y, weights, forward, grads


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", required=True, help="the output folder (replaced if a previous run wrote it)")
    p.add_argument("--table", default=os.path.join(HERE, "pieces.txt"), help="the table (default pieces.txt here)")
    args = p.parse_args(argv)
    started = time.time()
    pieces = read_table(args.table)
    import keras
    import tensorflow as tf
    tf.get_logger().setLevel("ERROR")   # one tf.function per piece: retracing is expected

    out = artifacts.ReferenceFolder(args.out)
    names = []
    for number, (name, kind, config) in enumerate(pieces):
        rng = np.random.default_rng(1000 + number)
        input_shape = config.get("input_shape", DEFAULT_INPUT)
        samples = config.get("samples", BATCH)
        x = rng.uniform(-1, 1, [samples] + input_shape).astype(np.float32)
        y = rng.integers(0, CLASSES, samples).astype(np.int32)
        sparse_ce = keras.losses.SparseCategoricalCrossentropy(from_logits=config.get("from_logits", False))
        grads = None
        if kind in ("dense", "flatten", "dropout", "layer"):
            piece = layer_of(keras, kind, config)
            alone = keras.Sequential([keras.Input(shape=input_shape), piece])
            head = [keras.layers.Flatten()] if len(alone.output_shape) > 2 else []
            model = keras.Sequential([keras.Input(shape=input_shape), piece] + head + [keras.layers.Dense(CLASSES, activation="softmax")])
            weights = set_random_weights(model, rng)
            if config.get("adapt"):
                piece.adapt(x)
                weights = [w.astype(np.float32) for w in model.get_weights()]
            forward = alone(x, training=False).numpy()
            if kind != "dropout" and not config.get("random"):
                _, grads = gradients(tf, keras, model, sparse_ce, x, y)
        elif kind == "merge":
            inputs, y, weights, forward, grads = merge_reference(tf, keras, config, rng, samples, sparse_ce)
            x = inputs[0]
            out.arrays(name + "/inputs", inputs)
        elif kind in training_pieces.KINDS:
            y, weights, forward, grads, keras_reports = training_pieces.reference(
                tf, keras, kind, config, x, y, rng, gradients, set_random_weights)
            out.value(name + "/keras", keras_reports)
        else:
            raise SystemExit("%s: unknown kind %r (expected dense, flatten, dropout, layer, merge, loss, optimizer or metric)" % (name, kind))
        out.array(name + "/x", x)
        out.array(name + "/y", y)
        out.arrays(name + "/weights", weights)
        out.array(name + "/forward", forward)
        if grads is not None:
            out.arrays(name + "/grads", grads)
        out.value(name, {"kind": kind, "config": config})
        names.append(name)
        print("%-20s %-10s forward %s" % (name, kind, np.array2string(forward.ravel()[:4], precision=5)))
    out.value("pieces", names)
    out.value("versions", artifacts.versions())
    print("written", out.finish(), "in %.1f s" % (time.time() - started))
    return 0


if __name__ == "__main__":
    sys.exit(main())
