"""Keras 3.15's ImageNet weight files, as each Keras Application asks get_file for them, for ImagenetWeightsParityTest.

Usage: applications_weights_table.py CASES.json
CASES.json: a list of {"id", "app" (a keras.applications function name), "kwargs"}. For each case, the application
is called with weights="imagenet" and its kwargs, with keras's file_utils.get_file replaced by a recorder that stops
the call: nothing is downloaded. Prints one JSON line: {"cases": {id: {"fname", "origin", "file_hash"}}, "hashes":
{module: WEIGHTS_HASHES}, "bases": {module: its base URL}} (the tables the cases do not all reach).
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import keras  # noqa: E402
from keras.src.utils import file_utils  # noqa: E402


class Asked(Exception):
    pass


def recorder(fname=None, origin=None, file_hash=None, cache_subdir="datasets", **kwargs):
    assert cache_subdir == "models", cache_subdir
    raise Asked({"fname": fname, "origin": origin, "file_hash": file_hash})


file_utils.get_file = recorder
with open(sys.argv[1]) as f:
    cases = json.load(f)
result = {}
for case in cases:
    try:
        getattr(keras.applications, case["app"])(weights="imagenet", **case["kwargs"])
        raise SystemExit(case["id"] + ": get_file was not called")
    except Asked as asked:
        result[case["id"]] = asked.args[0]
    keras.backend.clear_session()
from keras.src.applications import efficientnet, mobilenet_v2, mobilenet_v3  # noqa: E402

print(json.dumps({
    "cases": result,
    "hashes": {"mobilenet_v3": mobilenet_v3.WEIGHTS_HASHES, "efficientnet": efficientnet.WEIGHTS_HASHES},
    "bases": {"mobilenet_v2": mobilenet_v2.BASE_WEIGHT_PATH, "mobilenet_v3": mobilenet_v3.BASE_WEIGHT_PATH,
              "efficientnet": efficientnet.BASE_WEIGHTS_PATH},
}))
