#!/usr/bin/env python3
"""Python Keras's first-epoch training loss for each model of the Fashion-MNIST series, over several seeds.

For each model (series_models.py) and each seed, in this one process: keras.utils.set_random_seed(SEED),
keras.backend.clear_session(), build the model, fit 1 epoch on the first N of the 55,000 training images (train
images 5000..5000+N; N is all 55,000 unless --train-images NAME=N gives the model's; pixels / 255 as float32, the
cnn with a trailing channel axis; the normalized model adapts on the same images), batch 32, shuffled (Keras's
default), progress off, and keep history.history["loss"][0]. Prints one JSON line: the versions, the losses per
model (one per seed, in the order of --seeds), the images each model trained on and the seconds its runs took.

The model is compiled as series_models.py compiles it, with steps_per_execution=32: Keras then runs 32 steps per
call of its train function (a while loop in the graph, as KerasJ runs its steps), the same updates in the same
order, so the same losses to the last digit (checked at 64 steps per call for the mlp, dnn-bn and dnn-selu), and dnn-bn twice as
fast.

--threads N sets TensorFlow's intra- and inter-op threads (default: TensorFlow's choice). KerasJ's test passes 1
and runs two streams of these processes beside Java's training, the cnn's seeds split between them (a seed's loss
does not depend on the process it runs in): processes spreading small ops over the same 2 cores slow each other
down (dnn-bn took 3 times as long as alone).

Usage:  python first_epoch_losses.py [--models mlp cnn ...] [--seeds 1 2 3] [--train-images mlp=16000 ...]
                                     [--threads N] [--data DIR]
"""

import argparse
import json
import sys
import time

import numpy as np

import fmnist_data
import series_models

STEPS_PER_EXECUTION = 32


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--models", nargs="+", default=list(series_models.NAMES), choices=series_models.NAMES,
                   help="the models of the series (default all six)")
    p.add_argument("--seeds", nargs="+", type=int, default=[1, 2, 3], help="the seeds (default 1 2 3)")
    p.add_argument("--train-images", nargs="+", default=[], metavar="NAME=N",
                   help="a model's number of training images, from the first (default all 55,000)")
    p.add_argument("--threads", type=int, default=0, help="TensorFlow's intra- and inter-op threads (default: its choice)")
    p.add_argument("--data", default=fmnist_data.default_dir(),
                   help="the IDX folder (default $KERASJ_DATA, else %s)" % fmnist_data.DEFAULT_DIR)
    args = p.parse_args(argv)
    import keras
    import tensorflow as tf
    if args.threads > 0:
        tf.config.threading.set_intra_op_parallelism_threads(args.threads)
        tf.config.threading.set_inter_op_parallelism_threads(args.threads)

    (x_full, y_full), _ = fmnist_data.load(args.data)
    images = dict.fromkeys(args.models, 55000)
    for pair in args.train_images:
        name, _, count = pair.partition("=")
        if name not in images or not count.isdigit() or not 0 < int(count) <= 55000:
            p.error("--train-images: expected NAME=N with NAME one of --models and N in 1..55000, found %r" % pair)
        images[name] = int(count)
    x_all = x_full[5000:].astype(np.float32) / np.float32(255)
    losses, seconds = {}, {}
    for name in args.models:
        x_train = x_all[:images[name]]
        y_train = y_full[5000:5000 + images[name]]
        x = x_train[..., np.newaxis] if name == "cnn" else x_train
        start = time.perf_counter()
        losses[name] = []
        for seed in args.seeds:
            keras.utils.set_random_seed(seed)
            keras.backend.clear_session()
            model = series_models.build(keras, name, x_train, steps_per_execution=STEPS_PER_EXECUTION)
            history = model.fit(x, y_train, epochs=1, batch_size=32, verbose=0)
            losses[name].append(float(history.history["loss"][0]))
        seconds[name] = time.perf_counter() - start
    print(json.dumps({"tensorflow": tf.__version__, "keras": keras.__version__, "seeds": args.seeds,
                      "train_images": images, "threads": args.threads, "losses": losses, "seconds": seconds}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
