#!/usr/bin/env python3
"""The Keras course's five California-housing regression notebooks, trained in Keras 3.

  python regression_notebooks.py OUT.json --data FILE [--seed 7] [--epochs 100] [--models NAME...]
  python regression_notebooks.py OUT.json --data FILE --first-epoch-only --seeds 1,2,3
  (both take --learning-rate LR: SGD(learning_rate=LR) instead of the notebooks' "sgd", and
  --learning-rate-of NAME=LR, repeatable, for one notebook: KerasJ's defaults are
  --learning-rate-of wide-deep=0.001 --learning-rate-of wide-deep-subclass=0.001)

FILE is cal_housing.data, scikit-learn's cal_housing.tgz, or a folder holding either. It is read as
fetch_california_housing reads it (as california_housing_split.py does), split with train_test_split(random_state=7)
then train_test_split(random_state=11), and scaled with a StandardScaler fitted on the training rows (float32).

The notebooks (the course's code, in Keras 3; each after keras.backend.clear_session() and
keras.utils.set_random_seed(SEED)):

  regression              Sequential: Dense(30, relu) -> Dense(1)
  wide-deep               Input(8) -> Dense(30, relu) -> Dense(30, relu); concatenate([input, hidden2]) -> Dense(1)
  wide-deep-multi-input   wide = columns 0-4, deep = columns 2-7 (Inputs named "wide_input", "deep_input", as the
                          course); concatenate([wide, hidden2]) -> Dense(1)
  wide-deep-multi-output  the same with a second head Dense(1) on hidden2, y given twice, loss given once
  wide-deep-subclass      a keras.Model subclass WideDeepModel (hidden1_layer, hidden2_layer, output_layer; call
                          concatenates the input and hidden2), model.build(input_shape=(None, 8))

all compiled with loss="mean_squared_error", optimizer="sgd" (Keras 3's SGD, learning rate 0.01), and fit with
batch 32 (Keras's default), validation_data=(valid), EarlyStopping(patience=5, min_delta=1e-2), up to --epochs.
OUT.json holds per notebook: the history (all keys), the epochs run, model.evaluate on the test rows (as a dict;
"test_mse" is the first output's MSE, "loss" the total), the seconds of each epoch and their median, and the versions.
A run whose loss went NaN (SGD 0.01 can diverge on wide-deep, whose wide path feeds the scaled outliers of
Population and AveOccup straight to the output) has "diverged": true and null for each NaN, as the JSON is strict.

--first-epoch-only trains each notebook 1 epoch per seed of --seeds (with the validation data, which does not change
the training loss) and records history["loss"][0] and history["val_loss"][0] per seed, for a t-test against KerasJ,
and the History's keys ("history_keys", in Keras's order) and the learning rate used.
Prints one JSON line: per notebook the test MSE and s/epoch (or the first-epoch losses).
"""

import argparse
import io
import json
import os
import statistics
import sys
import tarfile
import time

import numpy as np

NAMES = ("regression", "wide-deep", "wide-deep-multi-input", "wide-deep-multi-output", "wide-deep-subclass")


def read_cal_housing(path):
    """The raw 20640 x 9 array of cal_housing.data, from the file, the archive or a folder holding either."""
    if os.path.isdir(path):
        for name in ("cal_housing.data", "cal_housing.tgz"):
            if os.path.isfile(os.path.join(path, name)):
                return read_cal_housing(os.path.join(path, name))
        raise SystemExit("regression_notebooks: no cal_housing.data or cal_housing.tgz in " + path)
    if path.endswith((".tgz", ".tar.gz")):
        with tarfile.open(path, "r:gz") as archive:
            member = archive.getmember("CaliforniaHousing/cal_housing.data")
            return np.loadtxt(io.BytesIO(archive.extractfile(member).read()), delimiter=",")
    return np.loadtxt(path, delimiter=",")


def notebook_split(path):
    """sklearn/datasets/_california_housing.py's features, then the course's two splits and scaler."""
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import StandardScaler

    cal_housing = read_cal_housing(path)[:, [8, 7, 2, 3, 4, 5, 6, 1, 0]]
    target, data = cal_housing[:, 0], cal_housing[:, 1:]
    data[:, 2] /= data[:, 5]
    data[:, 3] /= data[:, 5]
    data[:, 5] = data[:, 4] / data[:, 5]
    target = target / 100000.0
    x_train_all, x_test, y_train_all, y_test = train_test_split(data, target, random_state=7)
    x_train, x_valid, y_train, y_valid = train_test_split(x_train_all, y_train_all, random_state=11)
    scaler = StandardScaler()
    x_train = scaler.fit_transform(x_train)
    x_valid, x_test = scaler.transform(x_valid), scaler.transform(x_test)
    f32 = lambda a: a.astype(np.float32)  # noqa: E731
    return {"train": (f32(x_train), f32(y_train)), "valid": (f32(x_valid), f32(y_valid)),
            "test": (f32(x_test), f32(y_test))}


def build(keras, name):
    """(model, how the notebook feeds x, how it feeds y) for one notebook."""
    L = keras.layers
    one = lambda x: x  # noqa: E731
    if name == "regression":
        model = keras.models.Sequential([keras.Input(shape=(8,)), L.Dense(30, activation="relu"), L.Dense(1)])
        return model, one, one
    if name == "wide-deep":
        inp = keras.Input(shape=(8,))
        hidden1 = L.Dense(30, activation="relu")(inp)
        hidden2 = L.Dense(30, activation="relu")(hidden1)
        concat = L.concatenate([inp, hidden2])
        return keras.models.Model(inputs=[inp], outputs=[L.Dense(1)(concat)]), one, one
    if name in ("wide-deep-multi-input", "wide-deep-multi-output"):
        input_wide = keras.Input(shape=(5,), name="wide_input")
        input_deep = keras.Input(shape=(6,), name="deep_input")
        hidden1 = L.Dense(30, activation="relu")(input_deep)
        hidden2 = L.Dense(30, activation="relu")(hidden1)
        concat = L.concatenate([input_wide, hidden2])
        output = L.Dense(1)(concat)
        split = lambda x: [x[:, :5], x[:, 2:]]  # noqa: E731
        if name == "wide-deep-multi-input":
            return keras.models.Model(inputs=[input_wide, input_deep], outputs=[output]), split, one
        output2 = L.Dense(1)(hidden2)
        model = keras.models.Model(inputs=[input_wide, input_deep], outputs=[output, output2])
        return model, split, lambda y: [y, y]
    if name == "wide-deep-subclass":
        class WideDeepModel(keras.models.Model):
            def __init__(self):
                super().__init__()
                self.hidden1_layer = L.Dense(30, activation="relu")
                self.hidden2_layer = L.Dense(30, activation="relu")
                self.output_layer = L.Dense(1)

            def call(self, input):
                hidden1 = self.hidden1_layer(input)
                hidden2 = self.hidden2_layer(hidden1)
                concat = L.concatenate([input, hidden2])
                return self.output_layer(concat)

        model = WideDeepModel()
        model.build(input_shape=(None, 8))
        return model, one, one
    raise ValueError(name)


class EpochTimes:
    """Wall-clock seconds of each epoch (fit's own loop, validation included), as a Keras callback."""

    def __init__(self, keras):
        outer = self
        self.seconds = []

        class Callback(keras.callbacks.Callback):
            def on_epoch_begin(self, epoch, logs=None):
                outer.start = time.perf_counter()

            def on_epoch_end(self, epoch, logs=None):
                outer.seconds.append(time.perf_counter() - outer.start)

        self.callback = Callback()


def train(keras, name, data, seed, epochs, learning_rate, early_stopping=True):
    keras.backend.clear_session()
    keras.utils.set_random_seed(seed)
    model, feed_x, feed_y = build(keras, name)
    optimizer = "sgd" if learning_rate is None else keras.optimizers.SGD(learning_rate=learning_rate)
    model.compile(loss="mean_squared_error", optimizer=optimizer)
    times = EpochTimes(keras)
    callbacks = [times.callback]
    if early_stopping:
        callbacks.append(keras.callbacks.EarlyStopping(patience=5, min_delta=1e-2))
    (x_train, y_train), (x_valid, y_valid) = data["train"], data["valid"]
    history = model.fit(feed_x(x_train), feed_y(y_train), validation_data=(feed_x(x_valid), feed_y(y_valid)),
                        epochs=epochs, batch_size=32, callbacks=callbacks, verbose=0)
    return model, feed_x, feed_y, history, times.seconds


def full_run(keras, names, data, seed, epochs, learning_rates):
    results = {}
    x_test, y_test = data["test"]
    for name in names:
        model, feed_x, feed_y, history, seconds = train(keras, name, data, seed, epochs, learning_rates[name])
        evaluated = model.evaluate(feed_x(x_test), feed_y(y_test), batch_size=32, verbose=0, return_dict=True)
        evaluated = {k: float(v) for k, v in evaluated.items()}
        predicted = model.predict(feed_x(x_test), batch_size=1024, verbose=0)
        first = predicted[0] if isinstance(predicted, (list, tuple)) else predicted
        results[name] = {
            "history": {k: [float(v) for v in vs] for k, vs in history.history.items()},
            "epochs_run": len(history.history["loss"]),
            "evaluate": evaluated,
            "test_mse": float(np.mean((first.reshape(-1).astype(np.float64) - y_test) ** 2)),
            "epoch_seconds": seconds,
            "seconds_per_epoch": statistics.median(seconds),
            "params": int(model.count_params()),
            "learning_rate": 0.01 if learning_rates[name] is None else learning_rates[name],
            "diverged": not all(np.isfinite(v) for vs in history.history.values() for v in vs),
        }
    return results


def first_epochs(keras, names, data, seeds, learning_rates):
    results = {}
    for name in names:
        start = time.perf_counter()
        losses, val_losses = [], []
        for seed in seeds:
            _, _, _, history, _ = train(keras, name, data, seed, 1, learning_rates[name], early_stopping=False)
            losses.append(float(history.history["loss"][0]))
            val_losses.append(float(history.history["val_loss"][0]))
            keys = list(history.history.keys())
        results[name] = {"loss": losses, "val_loss": val_losses, "history_keys": keys,
                         "learning_rate": 0.01 if learning_rates[name] is None else learning_rates[name],
                         "seconds": time.perf_counter() - start}
    return results


def finite(value):
    """NaN and infinities (a diverged run) become null, so that the JSON is strict (Jackson's default)."""
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite(v) for v in value]
    if isinstance(value, float) and not np.isfinite(value):
        return None
    return value


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out", help="the JSON file to write")
    p.add_argument("--data", default="/work/shared/datasets/california-housing",
                   help="cal_housing.data, cal_housing.tgz or a folder holding one")
    p.add_argument("--seed", type=int, default=7, help="the seed of the full runs (default 7)")
    p.add_argument("--epochs", type=int, default=100, help="the most epochs of a full run (default 100)")
    p.add_argument("--models", nargs="+", default=list(NAMES), choices=NAMES, help="the notebooks (default all five)")
    p.add_argument("--learning-rate", type=float, default=None,
                   help="SGD's learning rate (default: the notebooks' optimizer=\"sgd\", Keras's 0.01)")
    p.add_argument("--learning-rate-of", action="append", default=[], metavar="NAME=LR",
                   help="SGD's learning rate for one notebook (repeatable); overrides --learning-rate for it")
    p.add_argument("--first-epoch-only", action="store_true", help="only the first epoch's loss, per seed")
    p.add_argument("--seeds", default="1,2,3", help="with --first-epoch-only: comma-separated seeds (default 1,2,3)")
    args = p.parse_args(argv)
    try:
        seeds = [int(s) for s in args.seeds.split(",") if s.strip()]
    except ValueError:
        p.error("--seeds takes comma-separated integers, not " + args.seeds)
    learning_rates = {name: args.learning_rate for name in NAMES}
    for item in args.learning_rate_of:
        name, _, value = item.partition("=")
        if name not in NAMES:
            p.error("--learning-rate-of: expected NAME=LR with NAME one of %s, found %s" % (", ".join(NAMES), item))
        try:
            learning_rates[name] = float(value)
        except ValueError:
            p.error("--learning-rate-of: expected NAME=LR with a number LR, found " + item)
    if not os.path.exists(args.data):
        p.error("no such file or folder: " + args.data)
    if args.epochs < 1:
        p.error("--epochs must be at least 1")

    import logging

    import keras
    import sklearn
    import tensorflow as tf
    tf.get_logger().setLevel("ERROR")
    logging.getLogger("absl").setLevel(logging.ERROR)

    data = notebook_split(args.data)
    report = {"keras": keras.__version__, "tensorflow": tf.__version__, "sklearn": sklearn.__version__,
              "rows": {k: int(len(v[0])) for k, v in data.items()}, "batch_size": 32,
              "optimizer": {name: "sgd" if lr is None else "SGD(learning_rate=%r)" % lr
                            for name, lr in learning_rates.items() if name in args.models},
              "loss": "mean_squared_error"}
    if args.first_epoch_only:
        report.update(seeds=seeds, first_epoch=first_epochs(keras, args.models, data, seeds, learning_rates))
        line = {k: v["loss"] for k, v in report["first_epoch"].items()}
    else:
        report.update(seed=args.seed, max_epochs=args.epochs,
                      early_stopping={"patience": 5, "min_delta": 1e-2, "monitor": "val_loss"},
                      notebooks=full_run(keras, args.models, data, args.seed, args.epochs, learning_rates))
        line = {k: {"test_mse": v["test_mse"], "epochs_run": v["epochs_run"],
                    "seconds_per_epoch": v["seconds_per_epoch"]} for k, v in report["notebooks"].items()}
    with open(args.out, "w") as f:
        json.dump(finite(report), f, indent=1, allow_nan=False)
    print(json.dumps(finite(line), allow_nan=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
