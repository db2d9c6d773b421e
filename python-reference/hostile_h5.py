"""Hostile HDF5 weights for KerasJ's refusal tests (issue 20), written with h5py into the folder given.

huge.h5    Keras 3 weights: layers/dense/vars/0 declares 46340 x 46340 float32 (8.6 GB), never written (a tiny file)
gzip.h5    layers/dense/vars/0 (1, 2**28) and vars/1 (2**28,) float32, gzip-compressed, one chunk written
bomb.h5    layers/dense/vars/0 (4, 3) gzip in one (4, 3) chunk whose stored bytes inflate to 10 MB
legacy.h5  a Keras 2 model file (model_config, model_weights) whose kernel declares 46340 x 46340
"""
import json
import sys
import zlib
from pathlib import Path

import h5py
import numpy as np

out = Path(sys.argv[1])
N = 46340

with h5py.File(out / "huge.h5", "w") as f:
    v = f.create_group("layers/dense/vars")
    v.create_dataset("0", shape=(N, N), dtype="f4")
    v.create_dataset("1", shape=(N,), dtype="f4")

with h5py.File(out / "gzip.h5", "w") as f:
    v = f.create_group("layers/dense/vars")
    k = v.create_dataset("0", shape=(1, 2**28), dtype="f4", compression="gzip", chunks=(1, 2**20))
    k[0, : 2**20] = 0.0
    v.create_dataset("1", shape=(2**28,), dtype="f4", compression="gzip", chunks=(2**20,))

with h5py.File(out / "bomb.h5", "w") as f:
    v = f.create_group("layers/dense/vars")
    k = v.create_dataset("0", shape=(4, 3), dtype="f4", compression="gzip", chunks=(4, 3))
    k.id.write_direct_chunk((0, 0), zlib.compress(bytes(10 << 20), 9), filter_mask=0)
    v.create_dataset("1", data=np.zeros(3, "f4"))

config = {"class_name": "Sequential", "config": {"name": "s", "layers": [
    {"class_name": "InputLayer", "config": {"batch_input_shape": [None, 4], "name": "in"}},
    {"class_name": "Dense", "config": {"name": "dense", "units": 3, "activation": "linear"}}]}}
with h5py.File(out / "legacy.h5", "w") as f:
    f.attrs["model_config"] = json.dumps(config)
    f.attrs["keras_version"] = "2.15.0"
    w = f.create_group("model_weights")
    w.attrs["layer_names"] = np.array([b"dense"])
    d = w.create_group("dense")
    d.attrs["weight_names"] = np.array([b"dense/kernel:0", b"dense/bias:0"])
    d.create_dataset("dense/kernel:0", shape=(N, N), dtype="f4")
    d.create_dataset("dense/bias:0", shape=(N,), dtype="f4")
print("ok")
