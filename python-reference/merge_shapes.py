"""Keras 3's shape rules of its merge layers, for KerasJ's MergeShapeParityTest.

Reads a JSON file: a list of cases {"class": NAME in keras.layers, "args": {keyword arguments}, "shapes": [per-sample
shape, ...]}. For each, calls the layer on keras.Input tensors of those shapes and prints one JSON object a line:
{"shape": [per-sample output shape]} when Keras accepts, else {"error": "ValueError", "message": str(e)} (or the
other exception's class name).

Usage: merge_shapes.py CASES.json
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import keras  # noqa: E402


def outcome(case):
    layer = getattr(keras.layers, case["class"])(**case.get("args", {}))
    try:
        output = layer([keras.Input(shape=tuple(s)) for s in case["shapes"]])
    except Exception as e:  # noqa: BLE001 - every refusal is an outcome to compare
        return {"error": type(e).__name__, "message": str(e)}
    return {"shape": list(output.shape[1:]), "batch": output.shape[0]}


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as f:
        for case in json.load(f):
            print(json.dumps(outcome(case)))
