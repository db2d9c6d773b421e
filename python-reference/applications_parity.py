"""Keras Applications for ApplicationsParityTest (kerasj-core), in one process.

Usage: applications_parity.py OUT
For each case below: the application with weights=None, built after clear_session (so its auto-named layers are
named as in a fresh session), every weight then overwritten with seeded random values (BatchNormalization's and
Normalization's statistics too, variances positive), so that no layer is an identity. Writes OUT/NAME.weights.h5
(model.save_weights), OUT/NAME.h5 (the legacy layout, legacy_h5_format.save_weights_to_hdf5_group), OUT/NAME.npz
(x: 2 seeded inputs, y: the model's outputs in inference), and OUT/summary.json: per case its layer names and
parameter count.
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import h5py  # noqa: E402
import numpy as np  # noqa: E402
from random_weights import randomize  # noqa: E402
import keras  # noqa: E402
from keras.src.legacy.saving import legacy_h5_format  # noqa: E402

A = keras.applications
CASES = {
    "mnv2_top": (lambda: A.MobileNetV2(input_shape=(48, 48, 3), alpha=0.35, classes=7, weights=None), (-1, 1)),
    "mnv2_notop": (lambda: A.MobileNetV2(input_shape=(33, 40, 3), alpha=0.5, include_top=False, pooling="max",
                                         weights=None), (-1, 1)),
    "mnv3s_top": (lambda: A.MobileNetV3Small(input_shape=(48, 48, 3), classes=5, weights=None), (0, 255)),
    "mnv3l_min_notop": (lambda: A.MobileNetV3Large(input_shape=(40, 40, 3), minimalistic=True, include_top=False,
                                                   pooling="avg", weights=None), (0, 255)),
    "effb0_top": (lambda: A.EfficientNetB0(input_shape=(48, 48, 3), classes=4, weights=None), (0, 255)),
}


out = sys.argv[1]
os.makedirs(out, exist_ok=True)
summary = {}
for index, (name, (make, (low, high))) in enumerate(CASES.items()):
    keras.backend.clear_session()
    keras.utils.set_random_seed(25 + index)
    model = make()
    randomize(model, np.random.default_rng(100 + index))
    shape = (2,) + tuple(model.input_shape[1:])
    x = np.random.default_rng(200 + index).uniform(low, high, size=shape).astype("float32")
    y = keras.ops.convert_to_numpy(model(x, training=False))  # eager: no predict function to trace
    np.savez(os.path.join(out, name + ".npz"), x=x, y=y)
    model.save_weights(os.path.join(out, name + ".weights.h5"))
    with h5py.File(os.path.join(out, name + ".h5"), "w") as f:
        legacy_h5_format.save_weights_to_hdf5_group(f, model)
    summary[name] = {
        "layers": [layer.name for layer in model.layers],
        "params": int(model.count_params()),
        "model_name": model.name,
    }
with open(os.path.join(out, "summary.json"), "w") as f:
    json.dump(summary, f)
