#!/usr/bin/env python3
"""Python Keras's first-epoch training loss for each model of the Fashion-MNIST series, over several seeds.

For each model (series_models.py) and each seed, in this one process: keras.utils.set_random_seed(SEED),
keras.backend.clear_session(), build the model, fit 1 epoch on the 55,000 training images (train images
5000..59999, pixels / 255 as float32, the cnn with a trailing channel axis), batch 32, shuffled (Keras's
default), progress off, and keep history.history["loss"][0]. Prints one JSON line: the versions, the losses per
model (one per seed, in the order of --seeds) and the seconds each model's runs took.

Usage:  python first_epoch_losses.py [--models mlp cnn ...] [--seeds 1 2 3] [--data DIR]
"""

import argparse
import json
import sys
import time

import numpy as np

import fmnist_data
import series_models


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--models", nargs="+", default=list(series_models.NAMES), choices=series_models.NAMES,
                   help="the models of the series (default all six)")
    p.add_argument("--seeds", nargs="+", type=int, default=[1, 2, 3], help="the seeds (default 1 2 3)")
    p.add_argument("--data", default=fmnist_data.default_dir(),
                   help="the IDX folder (default $KERASJ_DATA, else %s)" % fmnist_data.DEFAULT_DIR)
    args = p.parse_args(argv)
    import keras
    import tensorflow as tf

    (x_full, y_full), _ = fmnist_data.load(args.data)
    x_train = x_full[5000:].astype(np.float32) / np.float32(255)
    y_train = y_full[5000:]
    losses, seconds = {}, {}
    for name in args.models:
        x = x_train[..., np.newaxis] if name == "cnn" else x_train
        start = time.perf_counter()
        losses[name] = []
        for seed in args.seeds:
            keras.utils.set_random_seed(seed)
            keras.backend.clear_session()
            model = series_models.build(keras, name, x_train)
            history = model.fit(x, y_train, epochs=1, batch_size=32, verbose=0)
            losses[name].append(float(history.history["loss"][0]))
        seconds[name] = time.perf_counter() - start
    print(json.dumps({"tensorflow": tf.__version__, "keras": keras.__version__, "seeds": args.seeds,
                      "train_images": int(len(x_train)), "losses": losses, "seconds": seconds}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
