#!/usr/bin/env python3
"""Python Keras's side of `kerasj bench --stream`: fit fed by tf.data from the TFRecord files KerasJ wrote.

Reads every *.tfrecord file of --records (written by `kerasj bench --stream`: one tf.train.Example per image, the
feature "image" a bytes list holding the image's 28*28 uint8 pixels and "label" an int64 list of one), as
tf.data.TFRecordDataset(files) -> parse_single_example -> decode_raw -> cast and scale by 1/255 -> shuffle(buffer,
seed) -> batch(32) -> prefetch(AUTOTUNE), and fits the series model (series_models.py) on it: one warm-up epoch
(tracing), then the median s/epoch of EPOCHS epochs; peak RSS from /proc/self/status (VmHWM). Prints one JSON line.

Usage:  python bench_stream.py --records DIR [--model mlp] [--epochs 3] [--shuffle-buffer 10000]
"""

import argparse
import glob
import json
import os
import resource
import statistics
import sys
import time

import series_models


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--records", required=True, help="the folder of *.tfrecord files")
    p.add_argument("--model", default="mlp", choices=series_models.NAMES, help="the model of the series (default mlp)")
    p.add_argument("--epochs", type=int, default=3, help="measured epochs after one warm-up (default 3)")
    p.add_argument("--shuffle-buffer", type=int, default=10000, help="tf.data shuffle buffer (default 10000)")
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args(argv)
    files = sorted(glob.glob(os.path.join(args.records, "*.tfrecord")))
    if not files:
        p.error("--records: expected *.tfrecord files in %s, found none" % args.records)
    if args.epochs < 1:
        p.error("--epochs: expected a number >= 1, found %d" % args.epochs)
    import keras
    import numpy as np
    import tensorflow as tf

    shape = (28, 28, 1) if args.model == "cnn" else (28, 28)
    spec = {"image": tf.io.FixedLenFeature([], tf.string), "label": tf.io.FixedLenFeature([1], tf.int64)}

    def parse(record):
        example = tf.io.parse_single_example(record, spec)
        image = tf.reshape(tf.io.decode_raw(example["image"], tf.uint8), shape)
        return tf.cast(image, tf.float32) / 255.0, example["label"][0]

    dataset = (tf.data.TFRecordDataset(files).map(parse, num_parallel_calls=tf.data.AUTOTUNE)
               .shuffle(args.shuffle_buffer, seed=args.seed).batch(32).prefetch(tf.data.AUTOTUNE))
    keras.utils.set_random_seed(1)
    model = series_models.build(keras, args.model, np.zeros((1,) + shape, np.float32))
    seconds = []

    class EpochTimer(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            self.start = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            seconds.append(time.perf_counter() - self.start)

    history = model.fit(dataset, epochs=1 + args.epochs, verbose=0, callbacks=[EpochTimer()])
    print(json.dumps({"fit_s_per_epoch": statistics.median(seconds[1:]), "fit_epoch_seconds": seconds,
                      "loss": history.history["loss"], "files": len(files), "epochs": args.epochs,
                      "model": args.model, "peak_rss_bytes": peak_rss_bytes(),
                      "tensorflow": tf.__version__, "keras": keras.__version__}))
    return 0


def peak_rss_bytes():
    """This process's peak RSS (VmHWM). Not getrusage: Linux carries ru_maxrss across execve, so a script started
    from a JVM would report the JVM's peak."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


if __name__ == "__main__":
    sys.exit(main())
