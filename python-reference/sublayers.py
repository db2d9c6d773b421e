#!/usr/bin/env python3
"""Keras 3's side of KerasJ's custom layers that own sublayers (KerasJ's test classes ResidualBlock and ScaledDense).

  python sublayers.py reference OUT
  python sublayers.py check JAVA.keras INPUTS.json OUT.json

The twin of KerasJ's ResidualBlock: conv1 = Conv2D(f, 3, same, relu), conv2 = Conv2D(f, 3, same),
bn = BatchNormalization(), add = Add(), and two weights of its own: scale (shape (), ones, non-trainable) and alpha
((f,), zeros); call = add([x, bn(conv2(conv1(x)))]) * scale + alpha. The model: Input(6, 6, 4) -> ResidualBlock(4)
-> GlobalAveragePooling2D -> Dense(2). ScaledDense(units) extends Dense with a trainable per-unit scale ((units,),
ones) that multiplies the output; its model: Input(3) -> ScaledDense(2).

reference writes into OUT: reference.json ({"residual": {"weight_paths": [w.path for w in model.weights],
"keras_h5": {dataset: shape} of model.weights.h5 in the .keras, "legacy_weight_names": {layer: weight_names} of the
legacy .h5}, "scaled_dense": the same}), twin.keras (the residual model with seeded random weights, the BN moving
statistics included) and twin.h5 (the same, legacy HDF5), inputs.json (5 samples, flat) and outputs.json (Keras's predictions on them, flat).

check loads JAVA.keras's weights into the twin with model.load_weights (the weights only: the config is KerasJ's),
predicts the inputs, does the same with keras.models.load_model(JAVA.keras) (KerasJ's config of the registered
class), and writes OUT.json {"outputs", "loaded_outputs": flat predictions, "keras_h5": the datasets of JAVA.keras's
weights file}. Prints one JSON line; exit 1 when Keras cannot load the weights.
"""

import io
import json
import os
import sys
import zipfile

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import h5py  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers  # noqa: E402


@keras.saving.register_keras_serializable(package="kerasj_test")
class ResidualBlock(layers.Layer):
    def __init__(self, filters, **kwargs):
        super().__init__(**kwargs)
        self.filters = filters
        self.conv1 = layers.Conv2D(filters, 3, padding="same", activation="relu")
        self.conv2 = layers.Conv2D(filters, 3, padding="same")
        self.bn = layers.BatchNormalization()
        self.add = layers.Add()

    def build(self, input_shape):
        self.scale = self.add_weight(name="scale", shape=(), initializer="ones", trainable=False)
        self.alpha = self.add_weight(name="alpha", shape=(self.filters,), initializer="zeros")

    def call(self, x, training=None):
        y = self.conv1(x)
        y = self.conv2(y)
        y = self.bn(y, training=training)
        return self.add([x, y]) * self.scale + self.alpha

    def get_config(self):
        config = super().get_config()
        config["filters"] = self.filters
        return config


@keras.saving.register_keras_serializable(package="kerasj_test")
class ScaledDense(layers.Dense):
    def build(self, input_shape):
        super().build(input_shape)
        self.scale = self.add_weight(name="scale", shape=(self.units,), initializer="ones")

    def call(self, x):
        return super().call(x) * self.scale


def residual_model():
    keras.backend.clear_session()
    inputs = keras.Input((6, 6, 4))
    h = ResidualBlock(4)(inputs)
    h = layers.GlobalAveragePooling2D()(h)
    return keras.Model(inputs, layers.Dense(2)(h))


def scaled_dense_model():
    keras.backend.clear_session()
    inputs = keras.Input((3,))
    return keras.Model(inputs, ScaledDense(2)(inputs))


def h5_datasets(h5):
    out = {}
    h5.visititems(lambda name, node: out.__setitem__(name, list(node.shape)) if isinstance(node, h5py.Dataset) else None)
    return out


def keras_h5_datasets(path):
    with zipfile.ZipFile(path) as archive:
        with h5py.File(io.BytesIO(archive.read("model.weights.h5")), "r") as h5:
            return h5_datasets(h5)


def describe(model, out, name):
    model.save(os.path.join(out, name + ".keras"))
    model.save(os.path.join(out, name + ".h5"))
    with h5py.File(os.path.join(out, name + ".h5"), "r") as h5:
        legacy = {layer: [n.decode() if isinstance(n, bytes) else str(n) for n in h5["model_weights"][layer].attrs["weight_names"]]
                  for layer in h5["model_weights"] if "weight_names" in h5["model_weights"][layer].attrs}
    return {"weight_paths": [w.path for w in model.weights], "keras_h5": keras_h5_datasets(os.path.join(out, name + ".keras")),
            "legacy_weight_names": legacy}


def reference(out):
    os.makedirs(out, exist_ok=True)
    result = {"residual": describe(residual_model(), out, "residual"),
              "scaled_dense": describe(scaled_dense_model(), out, "scaled_dense")}
    model = residual_model()
    rng = np.random.default_rng(11)
    weights = []
    for w in model.weights:
        value = rng.normal(0, 0.3, w.shape).astype("float32")
        if w.path.endswith("moving_variance"):
            value = np.abs(value) + 0.5
        weights.append(value)
    model.set_weights(weights)
    model.save(os.path.join(out, "twin.keras"))
    model.save(os.path.join(out, "twin.h5"))
    x = rng.normal(0, 1, (5, 6, 6, 4)).astype("float32")
    with open(os.path.join(out, "inputs.json"), "w") as f:
        json.dump([float(v) for v in x.ravel()], f)
    with open(os.path.join(out, "outputs.json"), "w") as f:
        json.dump([float(v) for v in model.predict(x, verbose=0).ravel()], f)
    with open(os.path.join(out, "reference.json"), "w") as f:
        json.dump(result, f, indent=1)
    return {"out": out, "keras_version": keras.__version__}


def check(java_keras, inputs_json, out_json):
    model = residual_model()
    model.load_weights(java_keras)
    with open(inputs_json) as f:
        x = np.asarray(json.load(f), dtype="float32").reshape((-1, 6, 6, 4))
    outputs = model.predict(x, verbose=0)
    loaded = keras.models.load_model(java_keras)
    loaded_outputs = loaded.predict(x, verbose=0)
    with open(out_json, "w") as f:
        json.dump({"outputs": [float(v) for v in outputs.ravel()], "loaded_outputs": [float(v) for v in loaded_outputs.ravel()],
                   "keras_h5": keras_h5_datasets(java_keras)}, f)
    return {"ok": True, "samples": int(x.shape[0])}


def main(argv):
    if len(argv) == 2 and argv[0] == "reference":
        print(json.dumps(reference(argv[1])))
        return 0
    if len(argv) == 4 and argv[0] == "check":
        try:
            print(json.dumps(check(*argv[1:])))
        except Exception as e:  # noqa: BLE001 - the Java test reads the reason
            print(json.dumps({"ok": False, "error": f"{type(e).__name__}: {e}"}))
            return 1
        return 0
    print("usage: sublayers.py reference OUT | check JAVA.keras INPUTS.json OUT.json", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
