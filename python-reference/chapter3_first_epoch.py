#!/usr/bin/env python3
"""The Keras course's chapter 3 (customization) on California housing, in Keras 3: the first epoch per seed.

  python chapter3_first_epoch.py OUT.json [--data FILE] [--seeds 1,2,3] [--examples NAME...]

FILE is cal_housing.data, scikit-learn's cal_housing.tgz or a folder holding either, split and scaled by
regression_notebooks.notebook_split (fetch_california_housing's features, train_test_split(random_state=7) then
(random_state=11), a StandardScaler fitted on the training rows, float32). Each example runs, per seed, after
keras.backend.clear_session() and keras.utils.set_random_seed(SEED), the course's code in Keras 3 for one epoch:

  custom-loss     tf_keras_regression-customized_loss: Dense(30, relu) -> Dense(1), compiled with
                  loss=customized_mse (reduce_mean(square(y_pred - y_true))), optimizer="sgd",
                  metrics=["mean_squared_error"]; fit batch 32 with the validation data
  custom-layer    tf_keras_regression-customized_layer: CustomizedDenseLayer(30, "relu") -> CustomizedDenseLayer(1) ->
                  Lambda(tf.nn.softplus) (kernel initializer "uniform", bias "zeros", activation(x @ kernel + bias)),
                  loss "mean_squared_error", optimizer "sgd"; fit as above
  gradient-tape   tf_keras_regression-manu-use-tf-gradienttape: Dense(30, relu) -> Dense(1), SGD(), a
                  MeanSquaredError metric reset each epoch, len(x_train) // 32 steps of a batch drawn by
                  np.random.randint(0, len(x_train), size=32), under tf.GradientTape: loss =
                  keras.losses.mean_squared_error(y_batch, squeeze(model(x_batch), 1)), gradients of model.variables,
                  optimizer.apply_gradients (the step in a tf.function, as the tf-function-style notebook: the
                  same losses to the last digit as eager, 3 s instead of 23 s for 3 seeds); then the validation MSE

OUT.json holds per example and seed: "loss" (history["loss"][0]; for gradient-tape the metric's result at the end of
the epoch), "val_loss" (gradient-tape: the validation MSE), custom-loss's "mean_squared_error", the History's keys,
the parameter count, and for gradient-tape the indices of the first batch ("first_batch", the first 32 draws of the
seeded global np.random). Prints one JSON line: the first-epoch losses per example.
"""

import argparse
import json
import os
import sys
import time

import numpy as np

import regression_notebooks

NAMES = ("custom-loss", "custom-layer", "gradient-tape")
BATCH_SIZE = 32


def dense_model(keras):
    L = keras.layers
    return keras.models.Sequential([keras.Input(shape=(8,)), L.Dense(30, activation="relu"), L.Dense(1)])


def custom_loss(keras, tf, data):
    def customized_mse(y_true, y_pred):
        return tf.reduce_mean(tf.square(y_pred - y_true))

    model = dense_model(keras)
    model.compile(loss=customized_mse, optimizer="sgd", metrics=["mean_squared_error"])
    return fit_one_epoch(model, data)


def custom_layer(keras, tf, data):
    class CustomizedDenseLayer(keras.layers.Layer):
        def __init__(self, units, activation=None, **kwargs):
            super().__init__(**kwargs)  # Keras 3 wants it first; the course (TF 2.0) called it last
            self.units = units
            self.activation = keras.layers.Activation(activation)

        def build(self, input_shape):
            self.kernel = self.add_weight(name="kernel", shape=(input_shape[1], self.units), initializer="uniform",
                                          trainable=True)
            self.bias = self.add_weight(name="bias", shape=(self.units,), initializer="zeros", trainable=True)
            super().build(input_shape)

        def call(self, x):
            return self.activation(x @ self.kernel + self.bias)

    customized_softplus = keras.layers.Lambda(lambda x: tf.nn.softplus(x))
    model = keras.models.Sequential([keras.Input(shape=(8,)), CustomizedDenseLayer(30, activation="relu"),
                                     CustomizedDenseLayer(1), customized_softplus])
    model.compile(loss="mean_squared_error", optimizer="sgd")
    return fit_one_epoch(model, data)


def fit_one_epoch(model, data):
    (x_train, y_train), (x_valid, y_valid) = data["train"], data["valid"]
    history = model.fit(x_train, y_train, validation_data=(x_valid, y_valid), epochs=1, batch_size=BATCH_SIZE, verbose=0)
    result = {k: float(v[0]) for k, v in history.history.items()}
    result["history_keys"] = list(history.history.keys())
    result["params"] = int(model.count_params())
    return result


def gradient_tape(keras, tf, data):
    (x_train, y_train), (x_valid, y_valid) = data["train"], data["valid"]
    steps_per_epoch = len(x_train) // BATCH_SIZE
    optimizer = keras.optimizers.SGD()
    metric = keras.metrics.MeanSquaredError()
    model = dense_model(keras)

    @tf.function  # the step of the course's loop, traced once (its tf-function-style notebook): 7 times faster, same ops
    def train_step(x_batch, y_batch):
        with tf.GradientTape() as tape:
            y_pred = tf.squeeze(model(x_batch), 1)
            loss = keras.losses.mean_squared_error(y_batch, y_pred)
            metric(y_batch, y_pred)
        grads = tape.gradient(loss, model.variables)
        optimizer.apply_gradients(zip(grads, model.variables))

    first_batch = None
    metric.reset_state()
    for _ in range(steps_per_epoch):
        idx = np.random.randint(0, len(x_train), size=BATCH_SIZE)
        if first_batch is None:
            first_batch = [int(i) for i in idx]
        train_step(x_train[idx], y_train[idx])
    y_valid_pred = tf.squeeze(model(x_valid), 1)
    valid_loss = keras.losses.mean_squared_error(y_valid_pred, y_valid)
    return {"loss": float(metric.result()), "val_loss": float(valid_loss), "steps": steps_per_epoch,
            "first_batch": first_batch, "params": int(model.count_params())}


EXAMPLES = {"custom-loss": custom_loss, "custom-layer": custom_layer, "gradient-tape": gradient_tape}


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out", help="the JSON file to write")
    p.add_argument("--data", default="/work/shared/datasets/california-housing",
                   help="cal_housing.data, cal_housing.tgz or a folder holding one")
    p.add_argument("--seeds", default="1,2,3", help="comma-separated seeds (default 1,2,3)")
    p.add_argument("--examples", nargs="+", default=list(NAMES), choices=NAMES, help="the examples (default all three)")
    args = p.parse_args(argv)
    try:
        seeds = [int(s) for s in args.seeds.split(",") if s.strip()]
    except ValueError:
        p.error("--seeds takes comma-separated integers, not " + args.seeds)
    if not seeds:
        p.error("--seeds: expected at least one seed")
    if not os.path.exists(args.data):
        p.error("no such file or folder: " + args.data)

    import logging

    import keras
    import tensorflow as tf
    tf.get_logger().setLevel("ERROR")
    logging.getLogger("absl").setLevel(logging.ERROR)

    data = regression_notebooks.notebook_split(args.data)
    report = {"keras": keras.__version__, "tensorflow": tf.__version__, "seeds": seeds,
              "rows": {k: int(len(v[0])) for k, v in data.items()}, "batch_size": BATCH_SIZE, "examples": {}}
    for name in args.examples:
        start = time.perf_counter()
        runs = []
        for seed in seeds:
            keras.backend.clear_session()
            keras.utils.set_random_seed(seed)
            runs.append(EXAMPLES[name](keras, tf, data))
        merged = {key: [run[key] for run in runs] for key in runs[0] if key not in ("history_keys", "params", "steps")}
        for key in ("history_keys", "params", "steps"):
            if key in runs[0]:
                merged[key] = runs[0][key]
        merged["seconds"] = time.perf_counter() - start
        report["examples"][name] = merged
    with open(args.out, "w") as f:
        json.dump(regression_notebooks.finite(report), f, indent=1, allow_nan=False)
    print(json.dumps(regression_notebooks.finite({k: v["loss"] for k, v in report["examples"].items()}), allow_nan=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
