#!/usr/bin/env python3
"""Loads a .keras file (e.g. one KerasJ wrote) in Keras 3 and predicts on named inputs.

  python check_java_functional.py MODEL.keras INPUTS.npz OUT.npz

keras.models.load_model(MODEL, safe_mode=True, compile=False), then model.predict on the arrays of INPUTS.npz,
whose keys are the model's input names: a dict by name, or the one array for a model of one input (a Sequential's
input is then matched by position). Writes the outputs to OUT.npz keyed by output name (model.output_names; for a
Sequential, its last layer's name) and prints one JSON line:

  {"outputs": [names], "input_names": [names], "ok": true}

  python check_java_functional.py --batch JOBS.json

does the same for each [MODEL.keras, INPUTS.npz, OUT.npz] of the JSON list JOBS.json in one process (Keras imported
once), and prints one JSON line {MODEL: {"ok": true, "outputs": [...]} or {"ok": false, "error": "..."}}; it exits 0
when every model was checked (failures are in the report), 2 on usage errors.

When the file holds a compile_config, the line also has "compiled" (Keras's load_model(compile=True) compiled it)
and "loss" (its repr), or "compile_error".

Exits 2 on usage errors (a missing file, input names that do not match the model's), 1 when Keras cannot load the
file or predict, each with one line on stderr.
"""

import json
import os
import sys

import numpy as np

USAGE = "usage: check_java_functional.py MODEL.keras INPUTS.npz OUT.npz | --batch JOBS.json"


class Failure(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def fail(code, message):
    raise Failure(code, message)


def input_names(model):
    if type(model).__name__ == "Sequential":
        return [model._layers[0].name]
    return [t.name for t in model.inputs]


def main(argv):
    try:
        if len(argv) == 2 and argv[0] == "--batch":
            return batch(argv[1])
        if len(argv) != 3:
            fail(2, USAGE)
        print(json.dumps(check(*argv)))
        return 0
    except Failure as e:
        print("check_java_functional: " + str(e), file=sys.stderr)
        return e.code


def batch(jobs_file):
    if not os.path.isfile(jobs_file):
        fail(2, "no such file: " + jobs_file)
    with open(jobs_file) as f:
        jobs = json.load(f)
    report = {}
    for model_file, inputs_file, out_file in jobs:
        try:
            report[model_file] = check(model_file, inputs_file, out_file)
        except Failure as e:
            report[model_file] = {"ok": False, "error": str(e)}
    print(json.dumps(report))
    return 0


def check(model_file, inputs_file, out_file):
    for f in (model_file, inputs_file):
        if not os.path.isfile(f):
            fail(2, "no such file: " + f)
    with np.load(inputs_file, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    if not arrays:
        fail(2, inputs_file + " holds no arrays")

    import keras
    try:
        model = keras.models.load_model(model_file, safe_mode=True, compile=False)
    except Exception as e:  # noqa: BLE001 - any load failure is the answer, in one line
        fail(1, "Keras cannot load %s: %s: %s" % (model_file, type(e).__name__, str(e).splitlines()[0] if str(e) else ""))
    names = input_names(model)
    if len(names) == 1 and len(arrays) == 1:
        feed = next(iter(arrays.values()))
        if next(iter(arrays)) != names[0] and type(model).__name__ != "Sequential":
            fail(2, "input %r is not the model's input %r" % (next(iter(arrays)), names[0]))
    else:
        if sorted(arrays) != sorted(names):
            fail(2, "inputs %s do not match the model's inputs %s" % (sorted(arrays), names))
        feed = {n: arrays[n] for n in names}
    try:
        predicted = model.predict(feed, verbose=0)
    except Exception as e:  # noqa: BLE001
        fail(1, "Keras cannot predict with %s: %s: %s" % (model_file, type(e).__name__,
                                                         str(e).splitlines()[0] if str(e) else ""))
    if not isinstance(predicted, (list, tuple)):
        predicted = [predicted]
    outputs = list(getattr(model, "output_names", None) or [model.layers[-1].name])
    if len(outputs) != len(predicted):
        fail(1, "%d output names for %d outputs" % (len(outputs), len(predicted)))
    np.savez(out_file, **{n: np.asarray(p) for n, p in zip(outputs, predicted)})
    return dict({"outputs": outputs, "input_names": names, "ok": True}, **compiled(keras, model_file))


def compiled(keras, model_file):
    """When the file holds a compile_config: whether Keras compiles the model from it (load_model(compile=True))."""
    import zipfile
    with zipfile.ZipFile(model_file) as z:
        config = json.loads(z.read("config.json"))
    if not config.get("compile_config"):
        return {}
    try:
        model = keras.models.load_model(model_file, safe_mode=True)
        return {"compiled": bool(model.compiled), "loss": repr(model.loss)}
    except Exception as e:  # noqa: BLE001 - the failure is the answer
        return {"compiled": False, "compile_error": "%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else "")}


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
