#!/usr/bin/env python3
"""Python Keras's side of `kerasj bench --model mobilenetv2` (and the other Keras Applications, predict only).

Two modes:

  python bench_applications.py make --model NAME --out DIR [--images 320] [--seed 1]

writes DIR/model.keras: keras.applications.NAME(input_shape=(S, S, 3), include_top=False, weights=None) (MobileNetV2
with alpha=0.35), nested in a functional model with GlobalAveragePooling2D and Dense(10, softmax), built after
keras.utils.set_random_seed(SEED) and compiled with Adam(1e-3), sparse categorical cross-entropy and accuracy; and
DIR/x.npy (IMAGES seeded float32 images in [-1, 1]) and DIR/y.npy (their int32 labels, 0..9). S is the reduced
size of `kerasj bench` (MobileNetV2 96, ResNet50 64, EfficientNetB0 64, VGG16 32, InceptionV3 75, DenseNet121 32,
Xception 71, MobileNetV3Small 96). Prints one JSON line: params, size.

  python bench_applications.py serve --dir DIR

loads DIR/model.keras as a user would and answers commands read from standard input, one a line, each with one JSON
line on standard output, so that the Java side's worker and this one take turns measurement by measurement:

  predict    model.predict(x, verbose=0) on all the images (Keras's default batch of 32) -> {"seconds": s}
  freeze     the nested base's trainable = False, then compile with Adam(1e-3)     -> {"trainable_params": n}
  unfreeze   the base's trainable = True, then compile with Adam(1e-5) (fine-tuning) -> {"trainable_params": n}
  epoch      one epoch of model.fit(x, y, batch_size=32, verbose=0), timed from on_epoch_begin to on_epoch_end
             -> {"seconds": s, "loss": l}
  quit       exits

The first line printed, once the model is loaded, is {"ready": true, "load_s": s, "params": n, "tensorflow": v,
"keras": v}. An error is one line {"error": message}.
"""

import argparse
import json
import os
import sys
import time

APPLICATIONS = {
    "mobilenetv2": ("MobileNetV2", 96, {"alpha": 0.35}),
    "resnet50": ("ResNet50", 64, {}),
    "efficientnetb0": ("EfficientNetB0", 64, {}),
    "vgg16": ("VGG16", 32, {}),
    "inceptionv3": ("InceptionV3", 75, {}),
    "densenet121": ("DenseNet121", 32, {}),
    "xception": ("Xception", 71, {}),
    "mobilenetv3small": ("MobileNetV3Small", 96, {}),
}
CLASSES = 10


def make(args):
    import keras
    import numpy as np

    function, size, extra = APPLICATIONS[args.model]
    os.makedirs(args.out, exist_ok=True)
    keras.utils.set_random_seed(args.seed)
    base = getattr(keras.applications, function)(input_shape=(size, size, 3), include_top=False, weights=None, **extra)
    inputs = keras.Input((size, size, 3))
    features = keras.layers.GlobalAveragePooling2D(name="pool")(base(inputs))
    model = keras.Model(inputs, keras.layers.Dense(CLASSES, activation="softmax", name="head")(features), name=args.model)
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.save(os.path.join(args.out, "model.keras"))
    rng = np.random.default_rng(args.seed)
    np.save(os.path.join(args.out, "x.npy"), rng.uniform(-1, 1, (args.images, size, size, 3)).astype(np.float32))
    np.save(os.path.join(args.out, "y.npy"), rng.integers(0, CLASSES, args.images).astype(np.int32))
    print(json.dumps({"params": int(model.count_params()), "size": size, "images": args.images}))
    return 0


def serve(args):
    start = time.perf_counter()
    import keras
    import numpy as np
    import tensorflow as tf

    model = keras.models.load_model(os.path.join(args.dir, "model.keras"))
    x = np.load(os.path.join(args.dir, "x.npy"))
    y = np.load(os.path.join(args.dir, "y.npy"))
    base = next(layer for layer in model.layers if isinstance(layer, keras.Model))
    seconds = []

    class EpochTimer(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            self.begin = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            seconds.append(time.perf_counter() - self.begin)

    def trainable_params():
        return int(sum(int(np.prod(w.shape)) for w in model.trainable_weights))

    def compile_with(learning_rate):
        model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="sparse_categorical_crossentropy", metrics=["accuracy"])

    reply({"ready": True, "load_s": time.perf_counter() - start, "params": int(model.count_params()),
           "tensorflow": tf.__version__, "keras": keras.__version__})
    for line in sys.stdin:
        command = line.strip()
        try:
            if command == "predict":
                begin = time.perf_counter()
                model.predict(x, verbose=0)
                reply({"seconds": time.perf_counter() - begin})
            elif command == "freeze":
                base.trainable = False
                compile_with(1e-3)
                reply({"trainable_params": trainable_params()})
            elif command == "unfreeze":
                base.trainable = True
                compile_with(1e-5)
                reply({"trainable_params": trainable_params()})
            elif command == "epoch":
                history = model.fit(x, y, batch_size=32, epochs=1, verbose=0, callbacks=[EpochTimer()])
                reply({"seconds": seconds[-1], "loss": float(history.history["loss"][0])})
            elif command == "quit":
                return 0
            else:
                reply({"error": "unknown command '%s'" % command})
        except Exception as e:  # one line back to the Java side, which stops there
            reply({"error": "%s: %s" % (type(e).__name__, e)})
    return 0


def reply(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="mode", required=True)
    m = sub.add_parser("make", help="write the model and the images")
    m.add_argument("--model", required=True, choices=sorted(APPLICATIONS))
    m.add_argument("--out", required=True)
    m.add_argument("--images", type=int, default=320)
    m.add_argument("--seed", type=int, default=1)
    s = sub.add_parser("serve", help="load the model and answer commands")
    s.add_argument("--dir", required=True)
    args = p.parse_args(argv)
    if args.mode == "make":
        if args.images < 1:
            p.error("--images: expected a number >= 1, found %d" % args.images)
        return make(args)
    return serve(args)


if __name__ == "__main__":
    sys.exit(main())
