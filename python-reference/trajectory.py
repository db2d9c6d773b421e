#!/usr/bin/env python3
"""Training-trajectory references: what Keras 3 does, step by step, from known weights and batches.

For each variant (sgd, sgd_momentum, nesterov, adam, sgd_logits) it trains the notebook's model
(Flatten(28, 28) -> Dense(300, relu) -> Dense(100, relu) -> Dense(10, softmax), or a linear last layer with the
loss from logits) on a subset of the training images, batch 32, shuffle off, each epoch's images in a recorded
order, and writes into OUT (raw arrays + index.json, see artifacts.py):

  initial/i            the initial weights (Keras's Glorot-uniform, seeded), shared by every variant
  order/e              epoch e's training-file indices in the order they were fed
  VARIANT/w10/i        the weights after the first 10 steps
  VARIANT/final/i      the weights after the last epoch
  VARIANT/test_outputs the model's outputs on all 10,000 test images
  values VARIANT       per-epoch history {loss, accuracy}
  ulp/VARIANT/...      with --ulp: the same run from the initial weights moved up by one float32 ulp (noise)

--initial-from DIR takes the initial weights and orders from an earlier reference instead of drawing them, so
a second process (e.g. with TF_ENABLE_ONEDNN_OPTS=0, which the runtime reads at load) repeats the same runs.

Usage:  python trajectory.py --out ../target/python-reference/trajectory/default --ulp
"""

import argparse
import json
import os
import sys
import time

import numpy as np

import artifacts
import fmnist_data

STEPS_SHORT = 10


def optimizer(keras, variant):
    return {
        "sgd": lambda: keras.optimizers.SGD(learning_rate=0.01),
        "sgd_momentum": lambda: keras.optimizers.SGD(learning_rate=0.01, momentum=0.9),
        "nesterov": lambda: keras.optimizers.SGD(learning_rate=0.01, momentum=0.9, nesterov=True),
        "adam": lambda: keras.optimizers.Adam(),
        "sgd_logits": lambda: keras.optimizers.SGD(learning_rate=0.01),
    }[variant]()


VARIANTS = ["sgd", "sgd_momentum", "nesterov", "adam", "sgd_logits"]


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", required=True, help="the output folder (replaced if a previous run wrote it)")
    p.add_argument("--subset", type=int, default=2048, help="training images used (default 2048: 64 steps)")
    p.add_argument("--epochs", type=int, default=1, help="epochs (default 1)")
    p.add_argument("--seed", type=int, default=42, help="seed of the initial weights and orders (default 42)")
    p.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated (default: %(default)s)")
    p.add_argument("--ulp", action="store_true", help="also run each variant from weights one ulp up")
    p.add_argument("--initial-from", default=None, help="reuse initial weights and orders from this reference")
    p.add_argument("--data", default=None, help="the IDX folder (default $KERASJ_DATA, else %s)" % fmnist_data.DEFAULT_DIR)
    args = p.parse_args(argv)
    args.variants = [v for v in args.variants.split(",") if v]
    unknown = [v for v in args.variants if v not in VARIANTS]
    if unknown:
        p.error("--variants: expected some of %s, found %s" % (VARIANTS, unknown))
    if not 32 * STEPS_SHORT <= args.subset <= 55000:
        p.error("--subset: expected %d..55000 images, found %d" % (32 * STEPS_SHORT, args.subset))
    return args


def build(keras, logits):
    return keras.Sequential([
        keras.Input(shape=(28, 28)),
        keras.layers.Flatten(),
        keras.layers.Dense(300, activation="relu"),
        keras.layers.Dense(100, activation="relu"),
        keras.layers.Dense(10, activation=None if logits else "softmax"),
    ])


def read_reference(folder):
    with open(os.path.join(folder, artifacts.INDEX), encoding="utf-8") as f:
        index = json.load(f)

    def read(name):
        a = index["arrays"][name]
        return np.fromfile(os.path.join(folder, a["file"]), dtype="<" + a["dtype"][0] + "4").reshape(a["shape"])
    return index, read


def train(keras, variant, initial, orders, x_all, y_all, x_test):
    """One run: returns (weights after 10 steps, final weights, history, test outputs)."""
    logits = variant == "sgd_logits"
    model = build(keras, logits)
    model.compile(optimizer=optimizer(keras, variant),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=logits), metrics=["accuracy"])
    model.set_weights(initial)
    short = {}

    class After10(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            if batch == STEPS_SHORT - 1 and "w" not in short:
                short["w"] = self.model.get_weights()

    history = {"loss": [], "accuracy": []}
    for e, order in enumerate(orders):
        h = model.fit(x_all[order], y_all[order], batch_size=32, epochs=1, shuffle=False, verbose=0,
                      callbacks=[After10()] if e == 0 else [])
        for k in history:
            history[k].append(float(h.history[k][0]))
    return short["w"], model.get_weights(), history, model.predict(x_test, batch_size=1000, verbose=0)


def main(argv=None):
    args = parse_args(argv)
    started = time.time()
    import keras

    (x_full, y_full), (x_test, _) = fmnist_data.load(args.data or fmnist_data.default_dir())
    scale = np.float32(255)
    x_all, y_all = x_full.astype(np.float32) / scale, y_full.astype(np.int32)
    x_test = x_test.astype(np.float32) / scale

    out = artifacts.ReferenceFolder(args.out)
    if args.initial_from:
        index, read = read_reference(args.initial_from)
        initial = [read("initial/%d" % i) for i in range(index["values"]["initial_count"])]
        orders = [read("order/%d" % e).astype(np.int64) for e in range(index["values"]["order_count"])]
    else:
        keras.utils.set_random_seed(args.seed)
        initial = build(keras, False).get_weights()
        rng = np.random.default_rng(args.seed)
        subset = 5000 + rng.choice(55000, size=args.subset, replace=False)   # never the validation images
        orders = [rng.permutation(subset) for _ in range(args.epochs)]
    out.arrays("initial", initial)
    out.arrays("order", orders)

    runs = [("", initial)]
    if args.ulp:
        runs.append(("ulp/", [np.nextafter(w, np.float32(np.inf)).astype(np.float32) for w in initial]))
    for prefix, start in runs:
        for variant in args.variants:
            t = time.time()
            w10, final, history, outputs = train(keras, variant, start, orders, x_all, y_all, x_test)
            out.arrays(prefix + variant + "/w10", w10)
            out.arrays(prefix + variant + "/final", final)
            out.array(prefix + variant + "/test_outputs", outputs)
            out.value(prefix + variant, {"history": history})
            print("%-20s loss %s accuracy %s (%.1f s)" % (prefix + variant, history["loss"], history["accuracy"], time.time() - t))
    out.value("settings", {"subset": len(orders[0]), "epochs": len(orders), "batch_size": 32, "shuffle": False,
                           "steps_short": STEPS_SHORT, "variants": args.variants, "seed": args.seed,
                           "initial_from": args.initial_from})
    out.value("versions", artifacts.versions())
    out.value("seconds", round(time.time() - started, 1))
    print("written", out.finish(), "in %.1f s" % (time.time() - started))
    return 0


if __name__ == "__main__":
    sys.exit(main())
