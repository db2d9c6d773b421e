#!/usr/bin/env python3
"""Rewrites a Keras 2 legacy .h5 model in the layouts other Keras 2 versions used, with h5py only.

  python make_legacy_h5_variants.py MODEL.h5 OUT

Keras's legacy HDF5 format varied between versions; KerasJ must read it from its attributes, not from one sample.
From MODEL.h5 (e.g. ../shared/reference-models/keras24-mlp-300-100.h5, same weights) this writes:

  - keras224.h5   Keras 2.2.4-tf style: the Sequential config as a bare list of layers, no InputLayer (the input
                  shape is the first layer's batch_input_shape), layer names as fixed-length byte strings
  - vlen.h5       every string attribute as a variable-length UTF-8 string (h5py's default), no training_config
  - renamed.h5    the weight datasets stored under other group names (weight_names still point at them), layers in
                  model_weights listed in another order than the groups were created
"""

import json
import sys

import h5py
import numpy as np


def read(path):
    with h5py.File(path, "r") as f:
        config = json.loads(f.attrs["model_config"])
        training = f.attrs.get("training_config")
        weights = {}
        mw = f["model_weights"]
        for layer in [n.decode() if isinstance(n, bytes) else n for n in mw.attrs["layer_names"]]:
            names = [n.decode() if isinstance(n, bytes) else n for n in mw[layer].attrs["weight_names"]]
            weights[layer] = [(n, np.array(mw[layer][n])) for n in names]
    return config, training, weights


def write(path, config, training, weights, fixed, group_for=lambda layer, name: name, order=None):
    def s(text):
        return np.bytes_(text) if fixed else text
    with h5py.File(path, "w") as f:
        f.attrs["keras_version"] = s("2.2.4-tf")
        f.attrs["backend"] = s("tensorflow")
        f.attrs["model_config"] = s(json.dumps(config))
        if training is not None:
            f.attrs["training_config"] = training
        mw = f.create_group("model_weights")
        layers = list(weights)
        for layer in (order or layers):
            g = mw.create_group(layer)
            stored = [group_for(layer, n) for n, _ in weights[layer]]
            g.attrs["weight_names"] = np.array([n.encode() for n in stored], dtype="S") if fixed else stored
            for (n, value), target in zip(weights[layer], stored):
                g.create_dataset(target, data=value)
        mw.attrs["layer_names"] = np.array([n.encode() for n in layers], dtype="S") if fixed else layers


def main():
    model, out = sys.argv[1], sys.argv[2]
    import os
    os.makedirs(out, exist_ok=True)
    config, training, weights = read(model)
    layers = [l for l in config["config"]["layers"] if l["class_name"] != "InputLayer"]
    old = {"class_name": "Sequential", "config": layers}
    write(os.path.join(out, "keras224.h5"), old, training, weights, fixed=True)
    write(os.path.join(out, "vlen.h5"), config, None, weights, fixed=False)
    write(os.path.join(out, "renamed.h5"), config, training, weights, fixed=True,
          group_for=lambda layer, name: "stored_" + layer + "/" + name.split("/")[-1], order=list(reversed(list(weights))))
    print("written to", out)


if __name__ == "__main__":
    main()
