#!/usr/bin/env python3
"""Keras 3's side of KerasJ's compile_config round trip, in one process.

  python compile_roundtrip.py CASES.json OUT_DIR

CASES.json (written by KerasJ's CompileRoundTrip test fixture) lists cases: a loss, a metric or an optimizer, given
by name or as an object (class name and config), each with the .keras file KerasJ saved for it when KerasJ has it.
For each case this script
  - compiles a small model in Keras as the case says and records the compile_config Keras itself writes,
  - for a case KerasJ has, saves that model as OUT_DIR/<id>.keras (for KerasJ to load),
  - loads KerasJ's file, when there is one, and records whether Keras compiled it and the compile_config it got.
It prints one JSON object: {"registry": Keras's names, "cases": {id: result}}.
"""

import inspect
import json
import os
import sys
import warnings

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
from keras.src import losses as keras_losses  # noqa: E402
from keras.src import metrics as keras_metrics  # noqa: E402
from keras.src import optimizers as keras_optimizers  # noqa: E402
from keras.src.utils.naming import reset_uids  # noqa: E402

MODULES = {"loss": keras.losses, "metric": keras.metrics, "optimizer": keras.optimizers}
REGISTRIES = {"loss": keras_losses.ALL_OBJECTS_DICT, "metric": keras_metrics.ALL_OBJECTS_DICT,
              "optimizer": keras_optimizers.ALL_OBJECTS_DICT}
DEFAULT_LOSS = "categorical_crossentropy"
DEFAULT_OPTIMIZER = "adam"


def model():
    return keras.Sequential([keras.Input((4,)), keras.layers.Flatten(), keras.layers.Dense(3, activation="softmax")])


def argument(case):
    """What compile() gets for the case: the name, or the object made from its class and config."""
    if case["form"] == "name":
        return case["identifier"]
    cls = getattr(MODULES[case["kind"]], case["identifier"], None)
    if not inspect.isclass(cls):
        raise ValueError(f"{case['identifier']} is not a class of keras.{case['kind']}s")
    return cls(**case.get("config", {}))


def compile_args(case):
    args = {"loss": DEFAULT_LOSS, "optimizer": DEFAULT_OPTIMIZER, "metrics": []}
    value = argument(case)
    if case["kind"] == "metric":
        args["metrics"] = [value]
    else:
        args[case["kind"]] = value
    return args


def settings(config):
    return {key: config.get(key) for key in ("loss", "metrics", "optimizer")}


def run_case(m, case, out_dir):
    """Keras's compile_config for the case; for a case KerasJ has, also Keras's file and KerasJ's file in Keras."""
    result = {}
    reset_uids()  # fresh auto names ("adam", not "adam_7"), as in a process of its own
    try:
        m.compile(**compile_args(case))
        result["keras_compile_config"] = settings(m.get_compile_config())
        if case.get("java_file"):
            path = os.path.join(out_dir, case["id"] + ".keras")
            m.save(path)
            result["keras_file"] = path
    except Exception as e:  # Keras refuses the case itself (e.g. a function alias given as a class)
        result["keras_error"] = f"{type(e).__name__}: {e}"
    reset_uids()
    if case.get("java_file"):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                loaded = keras.models.load_model(case["java_file"])
                result["java_file_compiled"] = bool(getattr(loaded, "compiled", False))
                if result["java_file_compiled"]:
                    result["java_file_compile_config"] = settings(loaded.get_compile_config())
            except Exception as e:
                result["java_file_error"] = f"{type(e).__name__}: {e}"
        result["java_file_warnings"] = [str(w.message) for w in caught if "compile" in str(w.message)]
    return result


def main():
    cases_file, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    with open(cases_file) as f:
        cases = json.load(f)
    m = model()  # one model, compiled once per case: a new model per case costs more than the whole rest
    results = {case["id"]: run_case(m, case, out_dir) for case in cases}
    registry = {kind: sorted(names) for kind, names in REGISTRIES.items()}
    print(json.dumps({"registry": registry, "cases": results}))


if __name__ == "__main__":
    main()
