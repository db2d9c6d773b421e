"""NumPy datasets for KerasJ's data tests, made by NumPy itself.

``write --data DIR --out OUT`` reads the Fashion-MNIST test set from the IDX files in DIR and writes, from its
first 400 images (300 as "train", 100 as "test"):

- ``OUT/subset.npz`` with ``numpy.savez`` and ``OUT/subset_compressed.npz`` with ``numpy.savez_compressed``: the
  arrays ``x_train, y_train, x_test, y_test`` as in Keras's ``mnist.npz`` (uint8 images, uint8 labels);
- ``OUT/x_train.npy`` (float32, ``x / 255.0`` with a channel axis), ``OUT/y_train.npy`` (int64 labels),
  ``OUT/x_test.npy`` (float64 pixels) and ``OUT/y_test.npz`` (float32 one-hot rows, one array).

``check FILE`` loads an ``.npz`` file (written by Java) and prints, as one JSON object, each array's dtype, shape
and the sum of its values.
"""

import argparse
import json
import os

import numpy as np

import fmnist_data


def write(data_dir, out):
    _, (x, y) = fmnist_data.load(data_dir)
    x_train, y_train, x_test, y_test = x[:300], y[:300], x[300:400], y[300:400]
    os.makedirs(out, exist_ok=True)
    arrays = dict(x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)
    np.savez(os.path.join(out, "subset.npz"), **arrays)
    np.savez_compressed(os.path.join(out, "subset_compressed.npz"), **arrays)
    np.save(os.path.join(out, "x_train.npy"), (x_train / 255.0).astype("float32")[..., np.newaxis])
    np.save(os.path.join(out, "y_train.npy"), y_train.astype("int64"))
    np.save(os.path.join(out, "x_test.npy"), x_test.astype("float64"))
    np.savez(os.path.join(out, "y_test.npz"), np.eye(10, dtype="float32")[y_test])
    print(json.dumps({"numpy": np.__version__, "files": sorted(os.listdir(out))}))


def check(path):
    with np.load(path) as npz:
        print(json.dumps({k: {"dtype": npz[k].dtype.str, "shape": list(npz[k].shape), "sum": float(npz[k].astype("float64").sum())}
                          for k in npz.files}, sort_keys=True))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write")
    w.add_argument("--data", required=True)
    w.add_argument("--out", required=True)
    c = sub.add_parser("check")
    c.add_argument("file")
    args = parser.parse_args()
    if args.command == "write":
        write(args.data, args.out)
    else:
        check(args.file)


if __name__ == "__main__":
    main()
