#!/usr/bin/env python3
"""A Keras 3 model of two named inputs and two named outputs, exported as TF Serving serves it.

  python make_named_io_export.py OUT

writes OUT/model (model.export(): serving_default with the inputs wide_input float32 [None, 5] and
deep_input int32 [None, 3], and the outputs given as a dict: output [None, 3], aux_output [None, 1]),
OUT/inputs.npz (20 samples of each input, by name) and OUT/outputs.npz (what the exported signature
gives for them, by output name).
"""

import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np
import keras
import tensorflow as tf


def main(out):
    os.makedirs(out, exist_ok=True)
    keras.utils.set_random_seed(4)
    wide = keras.Input((5,), name="wide_input")
    deep = keras.Input((3,), name="deep_input", dtype="int32")
    features = keras.layers.Dense(4, activation="relu", name="deep_hidden")(keras.ops.cast(deep, "float32"))
    merged = keras.layers.Concatenate()([wide, features])
    output = keras.layers.Dense(3, activation="softmax", name="output")(merged)
    aux = keras.layers.Dense(1, name="aux_output")(features)
    model = keras.Model({"wide_input": wide, "deep_input": deep}, {"output": output, "aux_output": aux})
    model.export(os.path.join(out, "model"), verbose=False)
    rng = np.random.default_rng(5)
    inputs = {"wide_input": rng.normal(size=(20, 5)).astype(np.float32),
              "deep_input": rng.integers(0, 9, size=(20, 3)).astype(np.int32)}
    fn = tf.saved_model.load(os.path.join(out, "model")).signatures["serving_default"]
    got = fn(**{k: tf.constant(v) for k, v in inputs.items()})
    np.savez(os.path.join(out, "inputs.npz"), **inputs)
    np.savez(os.path.join(out, "outputs.npz"), **{k: v.numpy() for k, v in got.items()})
    print("outputs", sorted(got))


if __name__ == "__main__":
    main(sys.argv[1])
