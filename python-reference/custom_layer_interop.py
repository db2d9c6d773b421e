#!/usr/bin/env python3
"""A custom layer between Keras 3 and KerasJ: the Python twin of the Java test layer ScaledDense.

  python custom_layer_interop.py make OUT
  python custom_layer_interop.py check JAVA.keras INPUTS.npz OUT

ScaledDense(units, scale) computes scale * (x @ kernel + bias) and is registered as "MyLayers>ScaledDense" with
@keras.saving.register_keras_serializable(package="MyLayers"), with get_config / from_config.

make: the model Input(4) -> ScaledDense(3, 0.5) -> Dense(2), weights seeded (normal x 0.3), saved as OUT/twin.keras
and OUT/twin.h5; OUT/inputs.npz ("x": 5 samples) and OUT/outputs.npz ("y": Keras's predictions); OUT/twin.entry.json,
the entry Keras wrote for the layer scaled_dense in config.json.

check: keras.models.load_model(JAVA.keras, safe_mode=True) (a file KerasJ wrote), its predictions on INPUTS.npz as
OUT/java_in_keras.npz ("y"), and the model saved again by Keras as OUT/resaved.keras with the entry Keras writes for
the loaded layer in OUT/resaved.entry.json. Prints one JSON line: {"ok": true, "layer_class": ..., "registered_name": ...}.
Exits 2 on usage errors, 1 when Keras cannot load or predict.
"""

import json
import os
import sys
import zipfile

import numpy as np

USAGE = "usage: custom_layer_interop.py make OUT | check JAVA.keras INPUTS.npz OUT"


def twin():
    import keras

    @keras.saving.register_keras_serializable(package="MyLayers")
    class ScaledDense(keras.layers.Layer):
        def __init__(self, units, scale, **kwargs):
            super().__init__(**kwargs)
            self.units = units
            self.scale = scale

        def build(self, input_shape):
            self.kernel = self.add_weight(shape=(input_shape[-1], self.units), initializer="glorot_uniform", name="kernel")
            self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

        def call(self, x):
            return self.scale * (keras.ops.matmul(x, self.kernel) + self.bias)

        def get_config(self):
            config = super().get_config()
            config.update({"units": self.units, "scale": self.scale})
            return config

    return keras, ScaledDense


def entry(keras_file, name):
    with zipfile.ZipFile(keras_file) as z:
        config = json.loads(z.read("config.json"))
    for layer in config["config"]["layers"]:
        if layer["config"]["name"] == name:
            return layer
    raise SystemExit("no layer %s in %s" % (name, keras_file))


def make(out):
    keras, ScaledDense = twin()
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(11)
    inputs = keras.Input((4,))
    model = keras.Model(inputs, keras.layers.Dense(2)(ScaledDense(3, 0.5)(inputs)))
    model.set_weights([(rng.standard_normal(w.shape) * 0.3).astype("float32") for w in model.get_weights()])
    x = rng.standard_normal((5, 4)).astype("float32")
    np.savez(os.path.join(out, "inputs.npz"), x=x)
    np.savez(os.path.join(out, "outputs.npz"), y=model.predict(x, verbose=0))
    model.save(os.path.join(out, "twin.keras"))
    model.save(os.path.join(out, "twin.h5"))
    with open(os.path.join(out, "twin.entry.json"), "w") as f:
        json.dump(entry(os.path.join(out, "twin.keras"), "scaled_dense"), f)
    print(json.dumps({"ok": True}))


def check(java_file, inputs_file, out):
    keras, ScaledDense = twin()
    os.makedirs(out, exist_ok=True)
    try:
        model = keras.models.load_model(java_file, safe_mode=True, compile=False)
        with np.load(inputs_file) as z:
            x = z["x"]
        np.savez(os.path.join(out, "java_in_keras.npz"), y=model.predict(x, verbose=0))
    except Exception as e:  # noqa: BLE001 - the failure is the answer, in one line
        print("custom_layer_interop: Keras cannot load or run %s: %s: %s" % (java_file, type(e).__name__, str(e).splitlines()[0]),
              file=sys.stderr)
        return 1
    layer = model.get_layer("scaled_dense")
    resaved = os.path.join(out, "resaved.keras")
    model.save(resaved)
    with open(os.path.join(out, "resaved.entry.json"), "w") as f:
        json.dump(entry(resaved, "scaled_dense"), f)
    print(json.dumps({"ok": True, "layer_class": type(layer).__name__,
                      "registered_name": keras.saving.get_registered_name(type(layer))}))
    return 0


def main(argv):
    if len(argv) == 2 and argv[0] == "make":
        make(argv[1])
        return 0
    if len(argv) == 4 and argv[0] == "check":
        if not os.path.isfile(argv[1]) or not os.path.isfile(argv[2]):
            print("custom_layer_interop: no such file: " + (argv[1] if not os.path.isfile(argv[1]) else argv[2]), file=sys.stderr)
            return 2
        return check(argv[1], argv[2], argv[3])
    print(USAGE, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
