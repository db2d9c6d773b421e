"""Fashion-MNIST loading shared by the reference scripts.

Either Keras's own loader (``keras.datasets.fashion_mnist.load_data()``, which
downloads into ``~/.keras/datasets/fashion-mnist/``) or, with a folder, the four
canonical IDX files (``.gz`` or not), e.g. Debian's
``/usr/share/datasets/fashion-mnist/`` from the ``dataset-fashion-mnist`` package.
Both give the same arrays: uint8 images [N, 28, 28] and uint8 labels [N], in
file order. Needs only numpy; TensorFlow is imported only for Keras's loader.
"""

import gzip
import os
import struct

import numpy as np

FILES = {
    "train_images": "train-images-idx3-ubyte",
    "train_labels": "train-labels-idx1-ubyte",
    "test_images": "t10k-images-idx3-ubyte",
    "test_labels": "t10k-labels-idx1-ubyte",
}

CLASS_NAMES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
               "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]


def read_idx(path):
    """Reads one IDX file of unsigned bytes (gzip or plain) and validates its header."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    if len(data) < 4:
        raise ValueError("%s: expected an IDX header of 4 bytes, found %d bytes" % (path, len(data)))
    zero, dtype_code, ndim = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype_code != 0x08 or ndim not in (1, 3):
        raise ValueError("%s: expected IDX magic 0x0000 08 01|03 (unsigned bytes, 1 or 3 dims), found %02x%02x %02x %02x"
                         % (path, zero >> 8, zero & 0xFF, dtype_code, ndim))
    header = 4 + 4 * ndim
    dims = struct.unpack(">" + "I" * ndim, data[4:header])
    expected = int(np.prod(dims))
    if len(data) - header != expected:
        raise ValueError("%s: expected %d data bytes for shape %s, found %d" % (path, expected, dims, len(data) - header))
    return np.frombuffer(data, dtype=np.uint8, offset=header).reshape(dims)


def _find(folder, name):
    for candidate in (name, name + ".gz"):
        p = os.path.join(folder, candidate)
        if os.path.isfile(p):
            return p
    raise FileNotFoundError("expected %s or %s.gz in %s, found neither" % (name, name, folder))


DEFAULT_DIR = "/usr/share/datasets/fashion-mnist"


def default_dir():
    """The IDX folder: $KERASJ_DATA if set, else Debian's /usr/share/datasets/fashion-mnist (never a download)."""
    return os.environ.get("KERASJ_DATA") or DEFAULT_DIR


def load(data_dir=None):
    """Returns ``(x_train, y_train), (x_test, y_test)`` as uint8 arrays, like Keras's load_data()."""
    if data_dir is None:
        from tensorflow import keras  # imported here: the IDX path needs only numpy
        return keras.datasets.fashion_mnist.load_data()
    a = {k: read_idx(_find(data_dir, v)) for k, v in FILES.items()}
    for split in ("train", "test"):
        images, labels = a[split + "_images"], a[split + "_labels"]
        if images.shape[1:] != (28, 28) or images.shape[0] != labels.shape[0]:
            raise ValueError("%s: expected %s images [N,28,28] with N labels, found images %s and labels %s"
                             % (data_dir, split, images.shape, labels.shape))
    return (a["train_images"], a["train_labels"]), (a["test_images"], a["test_labels"])
