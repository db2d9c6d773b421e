"""Keras 3 numbers for KerasJ's regularizers, constraints and gradient clipping
(kerasj-core/src/test/java/io/kerasj/regularizers/RegularizationParityTest.java).

Usage: regularization_parity.py SPEC.json OUT_DIR

SPEC.json (written by the Java test) holds the data (x, y, x_val, y_val), the initial weights, and the optimizer cases.
For each case the script builds the test's model (Dense layers with kernel, bias and activity regularizers and
kernel/bias constraints), sets the weights, fits it (batch 4, no shuffle, validation data), evaluates it, and reports
the history, the evaluation loss and the final weights. It then saves the first case's trained model as
OUT_DIR/keras.keras and OUT_DIR/keras.h5 with its predictions, and loads KerasJ's OUT_DIR/java.keras and
OUT_DIR/java.h5 (when present), reporting their layer configs, optimizer config and predictions. Last, a Conv2D model
with every option is saved untrained as OUT_DIR/conv.keras and trained 2 epochs (conv_case). It prints one JSON
object.
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import constraints, layers, regularizers  # noqa: E402


def build():
    inputs = keras.Input((3,))
    hidden = layers.Dense(4, activation="tanh", kernel_regularizer=regularizers.L2(0.01),
                          bias_regularizer=regularizers.L1(0.02), activity_regularizer=regularizers.L1(0.01),
                          kernel_constraint=constraints.MaxNorm(0.8), bias_constraint=constraints.NonNeg(),
                          name="hidden")(inputs)
    outputs = layers.Dense(1, kernel_regularizer=regularizers.L1L2(0.01, 0.02),
                           activity_regularizer=regularizers.L2(0.05),
                           kernel_constraint=constraints.MinMaxNorm(0.2, 0.9, 0.5), name="head")(hidden)
    return keras.Model(inputs, outputs)


def optimizer(case):
    return keras.optimizers.get({"class_name": case["class_name"], "config": case["config"]})


def array(values, cols):
    return np.array(values, "float32").reshape(-1, cols)


def run_case(spec, case):
    model = build()
    model.set_weights([np.array(w["values"], "float32").reshape(w["shape"]) for w in spec["weights"]])
    model.compile(loss="mse", optimizer=optimizer(case))
    x, y = array(spec["x"], 3), array(spec["y"], 1)
    xv, yv = array(spec["x_val"], 3), array(spec["y_val"], 1)
    history = model.fit(x, y, batch_size=4, epochs=3, shuffle=False, verbose=0, validation_data=(xv, yv))
    return model, {"loss": history.history["loss"], "val_loss": history.history["val_loss"],
                   "evaluate": model.evaluate(x, y, verbose=0),
                   "weights": [w.flatten().tolist() for w in model.get_weights()]}


def describe(model, x):
    configs = {}
    for layer in model.layers:
        c = layer.get_config()
        configs[layer.name] = {k: c.get(k) for k in ("kernel_regularizer", "bias_regularizer", "activity_regularizer",
                                                     "kernel_constraint", "bias_constraint")}
    opt = model.optimizer.get_config() if model.optimizer is not None else None
    return {"layers": configs, "optimizer": opt, "predictions": model.predict(x, verbose=0).flatten().tolist()}


def conv_case(out_dir):
    """A Conv2D with every option (a kernel constraint over axes [0, 1, 2]), saved untrained as OUT_DIR/conv.keras
    with an SGD that clips, then trained 2 epochs; KerasJ loads the file and trains it the same way."""
    x = np.sin(np.arange(6 * 4 * 4, dtype="float64") * 1.3 + 0.2).astype("float32").reshape(6, 4, 4, 1)
    y = np.cos(np.arange(6, dtype="float64") * 0.9).astype("float32").reshape(6, 1)
    keras.utils.set_random_seed(3)
    model = keras.Sequential([
        keras.Input((4, 4, 1)),
        layers.Conv2D(2, 3, activation="relu", kernel_regularizer="l2", bias_regularizer=regularizers.L1(0.05),
                      activity_regularizer=regularizers.L1L2(0.01, 0.01),
                      kernel_constraint=constraints.MaxNorm(0.6, axis=[0, 1, 2]), bias_constraint="non_neg"),
        layers.Flatten(),
        layers.Dense(1, kernel_constraint=constraints.UnitNorm()),
    ])
    model.layers[0].set_weights([model.layers[0].get_weights()[0], np.array([0.05, -0.02], "float32")])
    model.compile(loss="mse", optimizer=keras.optimizers.SGD(0.1, clipnorm=0.3))
    model.save(os.path.join(out_dir, "conv.keras"))
    before = model.predict(x, verbose=0).flatten().tolist()
    history = model.fit(x, y, batch_size=4, epochs=2, shuffle=False, verbose=0)
    return {"x": x.flatten().tolist(), "y": y.flatten().tolist(), "predictions_before": before,
            "loss": history.history["loss"], "weights": [w.flatten().tolist() for w in model.get_weights()]}


def main(spec_path, out_dir):
    with open(spec_path) as f:
        spec = json.load(f)
    out = {"cases": {}}
    first = None
    for case in spec["cases"]:
        model, result = run_case(spec, case)
        out["cases"][case["name"]] = result
        first = first or model
    x = array(spec["x"], 3)
    for ext in ("keras", "h5"):
        first.save(os.path.join(out_dir, "keras." + ext))
    out["keras_predictions"] = first.predict(x, verbose=0).flatten().tolist()
    out["keras_model"] = describe(first, x)
    out["java_files"] = {}
    for ext in ("keras", "h5"):
        path = os.path.join(out_dir, "java." + ext)
        if os.path.exists(path):
            out["java_files"][ext] = describe(keras.saving.load_model(path), x)
    out["conv"] = conv_case(out_dir)
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
