"""Keras 3.15's ImageNet weight files of ResNet, VGG, InceptionV3, DenseNet and Xception, for ClassicImagenetWeightsParityTest.

Usage: classic_weights_table.py
Reads each module's own source: every keras.utils.get_file call in vgg16, vgg19, inception_v3, xception and densenet
(its file name, its origin resolved against the module's constants, its file_hash), in source order; resnet's
WEIGHTS_HASHES and BASE_WEIGHTS_PATH; and, to check the f-strings resnet builds its names with, what ResNet50V2
without the top asks get_file for (recorded, nothing downloaded). Prints one JSON line:
{"calls": {module: [{"fname", "origin", "file_hash"}]}, "resnet_hashes": {...}, "resnet_base": "...",
 "resnet50v2_notop": {"fname", "origin", "file_hash"}}.
"""
import ast
import inspect
import json
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import keras  # noqa: E402
from keras.src.applications import densenet, inception_v3, resnet, vgg16, vgg19, xception  # noqa: E402
from keras.src.utils import file_utils  # noqa: E402


def get_file_calls(module):
    calls = []
    for node in ast.walk(ast.parse(inspect.getsource(module))):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "get_file":
            fname, origin = node.args[0], node.args[1]
            file_hash = next(k.value for k in node.keywords if k.arg == "file_hash")
            calls.append({"fname": ast.literal_eval(fname),
                          "origin": getattr(module, origin.id) if isinstance(origin, ast.Name) else ast.literal_eval(origin),
                          "file_hash": ast.literal_eval(file_hash), "line": node.lineno})
    return sorted(calls, key=lambda c: c["line"])


class Asked(Exception):
    pass


def recorder(fname=None, origin=None, file_hash=None, cache_subdir="datasets", **kwargs):
    assert cache_subdir == "models", cache_subdir
    raise Asked({"fname": fname, "origin": origin, "file_hash": file_hash})


file_utils.get_file = recorder
try:
    keras.applications.ResNet50V2(weights="imagenet", include_top=False, input_shape=(32, 32, 3))
    raise SystemExit("ResNet50V2: get_file was not called")
except Asked as asked:
    v2 = asked.args[0]
print(json.dumps({
    "calls": {m.__name__.split(".")[-1]: get_file_calls(m) for m in (vgg16, vgg19, inception_v3, xception, densenet)},
    "resnet_hashes": resnet.WEIGHTS_HASHES, "resnet_base": resnet.BASE_WEIGHTS_PATH, "resnet50v2_notop": v2,
}))
