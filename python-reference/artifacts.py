"""Writing a reference folder the Java tests read: arrays as raw little-endian binaries plus one JSON index.

Every array NAME becomes ``NAME.f32`` (float32) or ``NAME.i32`` (int32), C order, and ``index.json`` lists each
one with its dtype and shape, beside any JSON values the script adds. Java reads them with a ByteBuffer, so no
numpy file parser is needed there. The folder is written under ``OUT.tmp`` and renamed to ``OUT`` at the end, so a
reader never sees half a reference; only a folder this module wrote (it holds ``index.json``) is ever replaced.
"""

import json
import os
import shutil

import numpy as np

INDEX = "index.json"


class ReferenceFolder:
    """Collects arrays and values, then publishes them atomically with :meth:`finish`."""

    def __init__(self, out):
        self.out = os.path.abspath(out)
        self.tmp = self.out + ".tmp"
        if os.path.exists(self.out) and not os.path.isfile(os.path.join(self.out, INDEX)):
            raise SystemExit("%s: exists and is not a reference folder (no %s); refusing to replace it" % (self.out, INDEX))
        if os.path.exists(self.tmp):
            shutil.rmtree(self.tmp)
        os.makedirs(self.tmp)
        self.index = {"arrays": {}, "values": {}}

    def path(self, name):
        """A path inside the folder being written, for files other modules write (SavedModel, .keras, .h5)."""
        return os.path.join(self.tmp, name)

    def array(self, name, values):
        """Stores one array as float32 (floats) or int32 (integers)."""
        a = np.asarray(values)
        if np.issubdtype(a.dtype, np.integer):
            a, ext, dtype = a.astype("<i4"), ".i32", "int32"
        else:
            a, ext, dtype = a.astype("<f4"), ".f32", "float32"
        os.makedirs(os.path.dirname(self.path(name + ext)), exist_ok=True)
        a.tofile(self.path(name + ext))
        self.index["arrays"][name] = {"file": name + ext, "dtype": dtype, "shape": list(a.shape)}

    def arrays(self, prefix, values):
        """Stores a list of arrays as PREFIX/0, PREFIX/1, ... (e.g. a model's weights in get_weights() order)."""
        for i, v in enumerate(values):
            self.array("%s/%d" % (prefix, i), v)
        self.index["values"][prefix + "_count"] = len(values)

    def value(self, name, value):
        """Stores a JSON value in the index."""
        self.index["values"][name] = value

    def finish(self):
        with open(self.path(INDEX), "w", encoding="utf-8") as f:
            json.dump(self.index, f, indent=1, allow_nan=False)
            f.write("\n")
        if os.path.exists(self.out):
            shutil.rmtree(self.out)
        os.replace(self.tmp, self.out)
        return self.out


def versions():
    """Python, TensorFlow, Keras and numpy versions, and the oneDNN setting the runtime read at load."""
    import platform
    import keras
    import tensorflow as tf
    return {"python": platform.python_version(), "tensorflow": tf.__version__, "keras": keras.__version__,
            "numpy": np.__version__, "TF_ENABLE_ONEDNN_OPTS": os.environ.get("TF_ENABLE_ONEDNN_OPTS", "default")}
