#!/usr/bin/env python3
"""Writes Keras Applications at reduced sizes with seeded random weights, for ApplicationsParityTest.

  python make_applications.py OUT

Each case is built with weights=None after keras.utils.clear_session() and keras.utils.set_random_seed(3); every
weight is then overwritten with seeded values (seed 5; random_weights.randomize) so that no layer is an identity.
For each case NAME it writes into OUT:

  - NAME.weights.h5   model.save_weights (Keras 3's layout)
  - NAME.h5           for the cases marked legacy: the legacy HDF5 weights layout of the ImageNet files
                      (layer_names, weight_names; legacy_h5_format.save_weights_to_hdf5_group)
  - NAME.npz          x: 2 seeded normal samples (seed 9), y: model.predict on them
  - summary.json      {NAME: {"app", "kwargs", "layers": [names in model.layers order], "params", "legacy",
                       "max_abs_output", "output_shape"}}
  - structures.json   the same "layers", "params" and "output_shape" (batch axis left out) of the variants built on
                      the same code (ResNet50V2, VGG19), built only: no weights are written

Prints one JSON line: the cases written and the Keras version.
"""

import argparse
import json
import os
import sys

import numpy as np
from random_weights import randomize

CASES = {
    "resnet50": ("ResNet50", dict(include_top=True, classes=10, input_shape=(64, 64, 3)), False),
    "vgg16": ("VGG16", dict(include_top=False, pooling="avg", input_shape=(32, 32, 3)), False),
    "inception_v3": ("InceptionV3", dict(include_top=True, classes=10, classifier_activation=None,
                                         input_shape=(75, 75, 3)), True),
    "densenet121": ("DenseNet121", dict(include_top=False, pooling="max", input_shape=(32, 32, 3)), False),
    "xception": ("Xception", dict(include_top=False, input_shape=(71, 71, 3)), False),
}

STRUCTURES = {
    "resnet50v2": ("ResNet50V2", dict(include_top=True, classes=10, input_shape=(32, 32, 3))),
    "vgg19": ("VGG19", dict(include_top=False, pooling="max", input_shape=(32, 32, 3))),
}


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out", help="the folder to write (created if missing)")
    args = p.parse_args(argv)
    import keras
    import tensorflow as tf
    tf.get_logger().setLevel("ERROR")
    from keras.src.legacy.saving import legacy_h5_format
    import h5py
    os.makedirs(args.out, exist_ok=True)
    rng = np.random.default_rng(5)
    summary = {}
    for name, (app, kwargs, legacy) in CASES.items():
        keras.utils.clear_session()
        keras.utils.set_random_seed(3)
        model = getattr(keras.applications, app)(weights=None, **kwargs)
        randomize(model, rng)
        model.save_weights(os.path.join(args.out, name + ".weights.h5"))
        if legacy:
            with h5py.File(os.path.join(args.out, name + ".h5"), "w") as f:
                legacy_h5_format.save_weights_to_hdf5_group(f, model)
        x = np.random.default_rng(9).normal(0, 1, (2,) + tuple(kwargs["input_shape"])).astype("float32")
        y = np.asarray(model(x, training=False))
        np.savez(os.path.join(args.out, name + ".npz"), x=x, y=y)
        summary[name] = {"app": app, "kwargs": kwargs, "layers": [layer.name for layer in model.layers],
                         "params": int(model.count_params()), "legacy": legacy,
                         "max_abs_output": float(np.max(np.abs(y))), "output_shape": list(y.shape)}
    with open(os.path.join(args.out, "summary.json"), "w") as f:
        json.dump(summary, f, indent=1)
    structures = {}
    for name, (app, kwargs) in STRUCTURES.items():
        keras.utils.clear_session()
        model = getattr(keras.applications, app)(weights=None, **kwargs)
        structures[name] = {"app": app, "kwargs": kwargs, "layers": [layer.name for layer in model.layers],
                            "params": int(model.count_params()), "output_shape": list(model.output.shape[1:])}
    with open(os.path.join(args.out, "structures.json"), "w") as f:
        json.dump(structures, f, indent=1)
    print(json.dumps({"cases": list(summary), "keras": keras.__version__}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
