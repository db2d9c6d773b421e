#!/usr/bin/env python3
"""The exact History and evaluate() keys Keras 3 gives for models of one and of two outputs.

  python history_keys.py OUT.json

For each case: keras.backend.clear_session(), seed 7, a fresh model (the course's Wide & Deep with two inputs and
the heads "output" and "aux_output", or a single-output model), compiled as the case says (optimizer SGD), fit
1 epoch on 64 random samples (batch 32, validation_split=0.25 where the case says so), then evaluate(return_dict=True)
on the same samples. Writes OUT.json:

  {"keras": VERSION, "cases": {NAME: {"compile": what compile got (as text), "validation": bool,
     "history": [History keys in Keras's order], "evaluate": [evaluate(return_dict=True) keys in order],
     "evaluate_list_length": len(evaluate()), "evaluate_list_order": the names of evaluate()'s list in its order
     (Keras's Trainer._flatten_metrics_in_order), "metrics_names": model.metrics_names,
     "error": text and "error_at": "compile", "fit" or "evaluate", when Keras refuses the case}}}

and prints one JSON line with each case's history keys (or its error).
"""

import argparse
import json
import sys

import numpy as np

SAMPLES = 64


def wide_deep_two_outputs(keras):
    L = keras.layers
    wide = keras.Input((5,), name="wide_input")
    deep = keras.Input((6,), name="deep_input")
    h1 = L.Dense(30, activation="relu", name="dense")(deep)
    h2 = L.Dense(30, activation="relu", name="dense_1")(h1)
    output = L.Dense(1, name="output")(L.concatenate([wide, h2], name="concatenate"))
    aux = L.Dense(1, name="aux_output")(h2)
    return keras.Model(inputs=[wide, deep], outputs=[output, aux], name="multi_output")


def regression(keras):
    return keras.Sequential([keras.Input((8,)), keras.layers.Dense(30, activation="relu"), keras.layers.Dense(1)])


def classifier(keras):
    inp = keras.Input((8,), name="features")
    h = keras.layers.Dense(16, activation="relu", name="hidden")(inp)
    return keras.Model(inp, keras.layers.Dense(3, activation="softmax", name="classes")(h), name="classifier")


def cases(keras):
    """(name, builder, compile kwargs, x kind, y kind, validation) for every case."""
    two = wide_deep_two_outputs
    return [
        ("two_outputs_list", two, dict(loss=["mse", "mse"], metrics=[["mae"], ["mae"]]), "list", "list", True),
        ("two_outputs_list_loss_weights", two,
         dict(loss=["mse", "mse"], loss_weights=[0.9, 0.1], metrics=[["mae"], ["mae", "mse"]]), "list", "list", True),
        ("two_outputs_dict", two,
         dict(loss={"output": "mse", "aux_output": "mse"}, loss_weights={"output": 0.9, "aux_output": 0.1},
              metrics={"output": ["mae"], "aux_output": ["mae"]}), "dict", "dict", True),
        ("two_outputs_dict_no_validation", two,
         dict(loss={"output": "mse", "aux_output": "mse"}, metrics={"output": ["mae"], "aux_output": ["mae"]}),
         "dict", "dict", False),
        ("two_outputs_metrics_once", two, dict(loss=["mse", "mse"], metrics=["mae"]), "list", "list", True),
        ("two_outputs_metrics_dict_one_output", two,
         dict(loss=["mse", "mse"], metrics={"output": ["mae", "mse"]}), "list", "list", True),
        ("two_outputs_metrics_dict_one_output_dict_loss", two,
         dict(loss={"output": "mse", "aux_output": "mse"}, metrics={"aux_output": ["mae"]}), "dict", "dict", True),
        ("two_outputs_loss_once", two, dict(loss="mse", metrics=[["mae"], ["mae"]]), "list", "list", True),
        ("two_outputs_no_metrics", two, dict(loss=["mse", "mse"]), "list", "list", True),
        ("two_outputs_metric_objects", two,
         dict(loss=["mse", "mse"],
              metrics=[[keras.metrics.MeanAbsoluteError(name="my_mae")], [keras.metrics.RootMeanSquaredError()]]),
         "list", "list", True),
        ("single_regression_metrics", regression, dict(loss="mse", metrics=["mae", "mse"]), "one", "one", True),
        ("single_regression_no_metrics", regression, dict(loss="mse"), "one", "one", True),
        ("single_regression_metrics_no_validation", regression, dict(loss="mse", metrics=["mae"]), "one", "one",
         False),
        ("single_classifier_accuracy", classifier,
         dict(loss="sparse_categorical_crossentropy", metrics=["accuracy"]), "one", "labels", True),
        ("single_classifier_metric_list_of_list", classifier,
         dict(loss="sparse_categorical_crossentropy", metrics=[["accuracy"]]), "one", "labels", True),
        ("single_classifier_metric_dict", classifier,
         dict(loss="sparse_categorical_crossentropy", metrics={"classes": ["accuracy"]}), "one", "labels", True),
    ]


def data(kind_x, kind_y, rng):
    wide = rng.standard_normal((SAMPLES, 5)).astype("float32")
    deep = rng.standard_normal((SAMPLES, 6)).astype("float32")
    one = rng.standard_normal((SAMPLES, 8)).astype("float32")
    y1 = rng.standard_normal((SAMPLES, 1)).astype("float32")
    y2 = rng.standard_normal((SAMPLES, 1)).astype("float32")
    labels = rng.integers(0, 3, SAMPLES).astype("int32")
    x = {"list": [wide, deep], "dict": {"wide_input": wide, "deep_input": deep}, "one": one}[kind_x]
    y = {"list": [y1, y2], "dict": {"output": y1, "aux_output": y2}, "one": y1, "labels": labels}[kind_y]
    return x, y


def describe(kwargs):
    def text(v):
        if isinstance(v, dict):
            return {k: text(w) for k, w in v.items()}
        if isinstance(v, (list, tuple)):
            return [text(w) for w in v]
        if isinstance(v, (str, int, float)) or v is None:
            return v
        return "%s(name=%r)" % (type(v).__name__, getattr(v, "name", None))
    return {k: text(v) for k, v in kwargs.items()}


def run_case(keras, name, build, compile_kwargs, kind_x, kind_y, validation):
    keras.backend.clear_session()
    keras.utils.set_random_seed(7)
    record = {"compile": describe(compile_kwargs), "validation": validation, "x": kind_x, "y": kind_y}
    x, y = data(kind_x, kind_y, np.random.default_rng(7))
    stage = "compile"
    try:
        model = build(keras)
        model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.01), **compile_kwargs)
        stage = "fit"
        history = model.fit(x, y, epochs=1, batch_size=32, verbose=0,
                            validation_split=0.25 if validation else 0.0)
        record["history"] = list(history.history)
        stage = "evaluate"
        result = model.evaluate(x, y, batch_size=32, verbose=0, return_dict=True)
        record["evaluate"] = list(result)
        listed = model.evaluate(x, y, batch_size=32, verbose=0)
        record["evaluate_list_length"] = len(listed) if isinstance(listed, (list, tuple)) else 1
        record["metrics_names"] = list(model.metrics_names)
        # evaluate()'s list order, from Keras's own ordering applied to {name: name}.
        order = model._flatten_metrics_in_order({k: k for k in result})
        record["evaluate_list_order"] = order if isinstance(order, list) else [order]
    except Exception as e:  # noqa: BLE001 - a refusal is what the Java side must match
        record["error_at"] = stage
        record["error"] = "%s: %s" % (type(e).__name__, str(e).strip().splitlines()[0] if str(e).strip() else "")
    return record


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out", help="the JSON file to write")
    args = p.parse_args(argv)
    import logging

    import keras
    import tensorflow as tf
    tf.get_logger().setLevel("ERROR")
    logging.getLogger("absl").setLevel(logging.ERROR)
    results = {}
    for name, build, compile_kwargs, kind_x, kind_y, validation in cases(keras):
        results[name] = run_case(keras, name, build, compile_kwargs, kind_x, kind_y, validation)
    with open(args.out, "w") as f:
        json.dump({"keras": keras.__version__, "tensorflow": tf.__version__, "samples": SAMPLES,
                   "cases": results}, f, indent=1)
    print(json.dumps({k: v.get("history", v.get("error")) for k, v in results.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
