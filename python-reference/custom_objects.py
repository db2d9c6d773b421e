"""Custom activations, losses and metrics registered by name, the Python twins of KerasJ's CustomObjectsFixture.

Usage:
  custom_objects.py make OUT_DIR
      Builds, compiles (registered loss, metrics and activation), trains one epoch and saves OUT_DIR/model.keras;
      writes OUT_DIR/reference.json: x, y, Keras's evaluate() by metric name, predictions, and the compile_config.
  custom_objects.py check MODEL.keras DATA.json OUT.json
      Loads a KerasJ file in safe mode (the twins registered), evaluates it on DATA.json's x and y, predicts x, and
      writes OUT.json: evaluate() by name, predictions, the loaded loss's and metrics' types and arguments.

The twins: activation kj>scaled_tanh (2 tanh x), loss function kj>customized_mse (the course's
reduce_mean(square(y_pred - y_true))), metric function kj>abs_err, loss class kj>ScaledMse(factor), metric class
kj>AboveThreshold(threshold) (how many outputs exceed it).
"""
import json
import sys

import keras
import numpy as np
from keras import ops


@keras.saving.register_keras_serializable(package="kj", name="scaled_tanh")
def scaled_tanh(x):
    return 2.0 * ops.tanh(x)


@keras.saving.register_keras_serializable(package="kj", name="customized_mse")
def customized_mse(y_true, y_pred):
    return ops.mean(ops.square(y_pred - y_true))


@keras.saving.register_keras_serializable(package="kj", name="abs_err")
def abs_err(y_true, y_pred):
    return ops.mean(ops.abs(y_pred - y_true), axis=-1)


@keras.saving.register_keras_serializable(package="kj")
class ScaledMse(keras.losses.Loss):
    def __init__(self, factor=1.0, name="scaled_mse", reduction="sum_over_batch_size", dtype=None):
        super().__init__(name=name, reduction=reduction, dtype=dtype)
        self.factor = factor

    def call(self, y_true, y_pred):
        return self.factor * ops.mean(ops.square(y_pred - y_true), axis=-1)

    def get_config(self):
        config = super().get_config()
        config.update(factor=self.factor)
        return config


@keras.saving.register_keras_serializable(package="kj")
class AboveThreshold(keras.metrics.Metric):
    def __init__(self, threshold=0.5, name="above_threshold", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.threshold = threshold
        self.count = self.add_variable(shape=(), initializer="zeros", name="count")

    def update_state(self, y_true, y_pred, sample_weight=None):
        self.count.assign_add(ops.sum(ops.cast(y_pred > self.threshold, "float32")))

    def result(self):
        return self.count

    def get_config(self):
        config = super().get_config()
        config.update(threshold=self.threshold)
        return config


def data(n, seed):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 3)).astype("float32")
    y = (0.8 * x[:, :1] - 0.5 * x[:, 1:2] + 0.3).astype("float32")
    return x, y


def describe(model):
    loss = model.loss
    metrics = [m for m in model.metrics if m.name not in ("loss", "compile_metrics")]
    compiled = getattr(model, "_compile_metrics", None)
    found = []
    if compiled is not None:
        for m in compiled.metrics if hasattr(compiled, "metrics") else []:
            found.append({"type": type(m).__name__, "name": m.name,
                          "threshold": getattr(m, "threshold", None)})
    return {"loss_type": type(loss).__name__ if not callable(loss) or hasattr(loss, "get_config") else "function",
            "loss_name": getattr(loss, "__name__", getattr(loss, "name", None)),
            "loss_factor": getattr(loss, "factor", None), "metrics": found or [m.name for m in metrics]}


def make(out):
    keras.utils.set_random_seed(3)
    inp = keras.Input((3,))
    h = keras.layers.Dense(4, activation=scaled_tanh)(inp)
    h = keras.layers.Activation(scaled_tanh)(h)
    h = keras.layers.Lambda(scaled_tanh)(h)
    model = keras.Model(inp, keras.layers.Dense(1)(h))
    model.compile(optimizer="sgd", loss=customized_mse,
                  metrics=[AboveThreshold(0.1), keras.metrics.MeanMetricWrapper(abs_err, name="abs_err_mean"), abs_err])
    x, y = data(40, 1)
    model.fit(x, y, epochs=1, batch_size=8, verbose=0)
    model.save(f"{out}/model.keras")
    evaluation = model.evaluate(x, y, batch_size=16, verbose=0, return_dict=True)
    reference = {"x": x.tolist(), "y": y.tolist(), "evaluate": {k: float(v) for k, v in evaluation.items()},
                 "predictions": model.predict(x, verbose=0).tolist()}
    model.compile(optimizer="sgd", loss=ScaledMse(2.5), metrics=[AboveThreshold(0.3)])
    model.save(f"{out}/class_loss.keras")
    reference["class_loss_evaluate"] = {k: float(v) for k, v in
                                        model.evaluate(x, y, batch_size=16, verbose=0, return_dict=True).items()}
    with open(f"{out}/reference.json", "w") as f:
        json.dump(reference, f)


def check(model_file, data_file, out):
    with open(data_file) as f:
        d = json.load(f)
    model = keras.models.load_model(model_file, safe_mode=True)
    x = np.asarray(d["x"], dtype="float32")
    y = np.asarray(d["y"], dtype="float32")
    evaluation = model.evaluate(x, y, batch_size=16, verbose=0, return_dict=True)
    result = {"evaluate": {k: float(v) for k, v in evaluation.items()},
              "predictions": model.predict(x, verbose=0).tolist(), "compiled": describe(model)}
    with open(out, "w") as f:
        json.dump(result, f)


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2])
    elif sys.argv[1] == "check":
        check(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit("usage: custom_objects.py make OUT_DIR | check MODEL.keras DATA.json OUT.json")
