#!/usr/bin/env python3
"""Writes the eight Keras Applications of issue 25 with seeded random weights, as `.keras` and as `.h5`, with
Keras's predictions, for KerasJ's load-and-run parity test.

  python keras_applications.py OUT

No ImageNet weights (they cannot be downloaded here): each application is built with weights=None at a reduced
input size, then EVERY weight is overwritten with seeded random values (random_weights.randomize), so that no layer is an identity:
kernels normal * sqrt(2 / fan_in) (depthwise: fan_in = kh * kw), biases and BatchNormalization's beta and
moving_mean normal * 0.1, gamma uniform(0.5, 1.5), moving_variance uniform(0.5, 2) (positive, not 1); EfficientNet's
Normalization gets mean normal * 0.1 and variance uniform(0.5, 2) too (then finalize_state, as load_model does). A Dense
softmax classifier ("predictions") then has its kernel scaled so that its logits on x have a standard deviation of 2
(not one-hot probabilities).

To keep the test cheap each architecture is written twice, with include_top one way in NAME.keras and the other in
NAME.h5 (include_top=True with classes=10; include_top=False with pooling None or "avg"), 16 files in all.
MobileNetV2's .keras is saved with model.trainable = False (the root model's trainable flag in config.json).

For each architecture NAME it writes into OUT:
  - NAME.keras, NAME.h5   model.save of the two variants
  - NAME.x.npy            2 seeded inputs in [0, 255], float32, shape (2, H, W, 3)
  - NAME.keras.npy, NAME.h5.npy   model.predict(x) of each variant (float32)
and summary.json: {NAME: {"input_shape", "keras": {"include_top", "pooling", "params", "trainable", "output_shape"},
"h5": {...}}}. Prints that JSON as one line.
"""

import json
import os
import sys

import numpy as np
import keras
from keras import applications

from random_weights import randomize

SEED = 25
# name: (constructor, reduced input shape, extra arguments, include_top of the .keras file, pooling of the other)
SPECS = {
    "MobileNetV2": (applications.MobileNetV2, (96, 96, 3), {"alpha": 0.35}, True, "avg"),
    "MobileNetV3Small": (applications.MobileNetV3Small, (96, 96, 3), {}, False, None),
    "ResNet50": (applications.ResNet50, (64, 64, 3), {}, True, None),
    "EfficientNetB0": (applications.EfficientNetB0, (64, 64, 3), {}, False, "avg"),
    "VGG16": (applications.VGG16, (32, 32, 3), {}, False, "avg"),
    "InceptionV3": (applications.InceptionV3, (75, 75, 3), {}, True, "avg"),
    "DenseNet121": (applications.DenseNet121, (32, 32, 3), {}, False, None),
    "Xception": (applications.Xception, (71, 71, 3), {}, True, None),
}


def calibrate_classifier(model, x):
    """Scales the softmax classifier's kernel so that its logits have a standard deviation of 2: random weights
    otherwise give logits so large that the probabilities are one-hot, and a comparison of them would prove little."""
    try:
        top = model.get_layer("predictions")
    except ValueError:
        return
    if not isinstance(top, keras.layers.Dense):
        return
    activation = top.activation
    top.activation = keras.activations.linear
    logits = np.asarray(model(x, training=False)) - np.asarray(top.bias)
    top.activation = activation
    top.kernel.assign(np.asarray(top.kernel) * np.float32(2.0 / max(float(np.std(logits)), 1e-30)))


def build(make, shape, extra, include_top, pooling):
    if include_top:
        return make(weights=None, include_top=True, classes=10, input_shape=shape, **extra)
    return make(weights=None, include_top=False, pooling=pooling, input_shape=shape, **extra)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    keras.utils.set_random_seed(SEED)
    rng = np.random.default_rng(SEED)
    summary = {}
    for name, (make, shape, extra, keras_top, pooling) in SPECS.items():
        x = rng.uniform(0.0, 255.0, (2,) + shape).astype(np.float32)
        np.save(os.path.join(out, name + ".x.npy"), x)
        entry = {"input_shape": list(shape)}
        for kind, top in (("keras", keras_top), ("h5", not keras_top)):
            model = build(make, shape, extra, top, pooling)
            randomize(model, rng)
            if top:
                calibrate_classifier(model, x)
            # an eager call: model.predict would trace a tf.function (about 10 s for ResNet50 on a loaded machine)
            y = np.asarray(model(x, training=False), dtype=np.float32)
            if not np.all(np.isfinite(y)):
                raise SystemExit(f"{name} {kind}: non-finite outputs")
            trainable = not (name == "MobileNetV2" and kind == "keras")
            model.trainable = trainable
            model.save(os.path.join(out, f"{name}.{kind}"))
            np.save(os.path.join(out, f"{name}.{kind}.npy"), y)
            entry[kind] = {"include_top": top, "pooling": None if top else pooling, "params": int(model.count_params()),
                           "trainable": trainable, "output_shape": list(y.shape),
                           "max_abs": float(np.max(np.abs(y))), "std": float(np.std(y))}
            keras.backend.clear_session()
        summary[name] = entry
    with open(os.path.join(out, "summary.json"), "w") as f:
        json.dump(summary, f, indent=1)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
