#!/usr/bin/env python3
"""Python Keras's side of `kerasj bench --python`: fit s/epoch and predict time for the notebook's model.

Same model, data and settings as `kerasj bench` measures in Java: Flatten(28, 28) -> Dense(300, relu) ->
Dense(100, relu) -> Dense(10, softmax), SGD 0.01, batch 32, shuffled, 55,000 training images with the 5,000
validation images evaluated after each epoch, progress off. One warm-up epoch (tracing), then the median of
EPOCHS epochs; predict on the 10,000 test images (batch 32, Keras's default): one warm-up, median of REPEATS.
Prints one JSON line.

--model NAME measures another model of the series (series_models.py, e.g. cnn) and --train-size N trains on the
first N training images only, as `kerasj bench --model NAME --train-size N` does.

--train-on-batch measures `model.train_on_batch` instead, as `kerasj bench --train-on-batch` does: one pass of calls
over the training set's batches of 32 (in order, sliced before the timing) per round; one warm-up round (tracing),
then the median ms per call of EPOCHS rounds.

Usage:  python bench_python.py [--epochs 3] [--repeats 3] [--model mlp] [--train-size N] [--data DIR] [--train-on-batch]
"""

import argparse
import json
import statistics
import sys
import time

import numpy as np

import fmnist_data
import series_models


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--epochs", type=int, default=3, help="measured fit epochs after one warm-up (default 3)")
    p.add_argument("--repeats", type=int, default=3, help="measured predict runs after one warm-up (default 3)")
    p.add_argument("--data", default=None, help="the IDX folder (default $KERASJ_DATA, else %s)" % fmnist_data.DEFAULT_DIR)
    p.add_argument("--model", default="mlp", choices=series_models.NAMES, help="the model of the series (default mlp)")
    p.add_argument("--train-size", type=int, default=None, help="train on the first N training images (default all)")
    p.add_argument("--train-on-batch", action="store_true", help="measure train_on_batch ms per call instead of fit and predict")
    args = p.parse_args(argv)
    if args.epochs < 1 or args.repeats < 1:
        p.error("--epochs, --repeats: expected numbers >= 1, found %d, %d" % (args.epochs, args.repeats))
    import keras
    import tensorflow as tf

    (x_full, y_full), (x_test, _) = fmnist_data.load(args.data or fmnist_data.default_dir())
    scale = np.float32(255)
    x_valid, x_train = x_full[:5000].astype(np.float32) / scale, x_full[5000:].astype(np.float32) / scale
    y_valid, y_train = y_full[:5000], y_full[5000:]
    x_test = x_test.astype(np.float32) / scale
    if args.train_size is not None:
        x_train, y_train = x_train[:args.train_size], y_train[:args.train_size]
    if args.model == "cnn":
        x_train, x_valid, x_test = x_train[..., np.newaxis], x_valid[..., np.newaxis], x_test[..., np.newaxis]
    keras.utils.set_random_seed(1)
    model = series_models.build(keras, args.model, x_train)
    if args.train_on_batch:
        print(json.dumps(train_on_batch(model, x_train, y_train, args.epochs, args.model, tf, keras)))
        return 0
    seconds = []

    class EpochTimer(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            self.start = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            seconds.append(time.perf_counter() - self.start)

    model.fit(x_train, y_train, epochs=1 + args.epochs, validation_data=(x_valid, y_valid), verbose=0, callbacks=[EpochTimer()])
    predict = []
    for r in range(1 + args.repeats):
        start = time.perf_counter()
        model.predict(x_test, verbose=0)
        if r > 0:
            predict.append(time.perf_counter() - start)
    print(json.dumps({"fit_s_per_epoch": statistics.median(seconds[1:]), "fit_epoch_seconds": seconds,
                      "predict_s": statistics.median(predict), "predict_images": int(len(x_test)),
                      "epochs": args.epochs, "repeats": args.repeats, "model": args.model,
                      "train_images": int(len(x_train)),
                      "tensorflow": tf.__version__, "keras": keras.__version__}))
    return 0


def train_on_batch(model, x_train, y_train, rounds, name, tf, keras, batch_size=32):
    batches = [(x_train[i:i + batch_size], y_train[i:i + batch_size]) for i in range(0, len(x_train), batch_size)]
    per_call = []
    for r in range(1 + rounds):
        start = time.perf_counter()
        for x, y in batches:
            model.train_on_batch(x, y)
        if r > 0:
            per_call.append((time.perf_counter() - start) * 1000 / len(batches))
    return {"train_on_batch_ms_per_call": statistics.median(per_call), "train_on_batch_round_ms_per_call": per_call,
            "calls_per_round": len(batches), "batch_size": batch_size, "rounds": rounds, "model": name,
            "train_images": int(len(x_train)), "tensorflow": tf.__version__, "keras": keras.__version__}


if __name__ == "__main__":
    sys.exit(main())
