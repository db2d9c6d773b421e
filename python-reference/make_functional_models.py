#!/usr/bin/env python3
"""Writes Keras 3 functional-API models (several inputs and outputs, merges, shared layers, nested models) with
seeded random weights, in both of Keras's file formats, with their inputs and Keras's outputs.

  python make_functional_models.py OUT

keras.utils.set_random_seed(7); every weight is then replaced by numpy normal(0, 1) * 0.3 (seed 7), so that the
outputs are not trivial. Nothing is trained. For each model NAME it writes into OUT:

  - NAME.keras          model.save (zip: config.json, metadata.json, model.weights.h5)
  - NAME.h5             model.save (legacy HDF5: model_config + model_weights), when Keras can write it
  - NAME.inputs.npz     5 random samples per input, keyed by input name, in the input's dtype
  - NAME.outputs.npz    model.predict on them, keyed by output name (model.output_names; a Sequential has
                        none: its last layer's name); a Sequential's input is named by its InputLayer
  - NAME.summary.txt    model.summary() as Keras prints it (reference only)
  - NAME.config.json    config.json from inside NAME.keras, pretty-printed (Keras 3's inbound_nodes format)
  - NAME.h5config.json  the legacy .h5's model_config attribute, pretty-printed (Keras 3.15 writes the same
                        inbound_nodes format there as in config.json, not Keras 2's [[name, node, tensor, {}]] lists)
  - NAME.weightpaths.json  {"keras": {dataset path: shape} of model.weights.h5 in the zip, "h5": same of the .h5}
  - summary.json        {NAME: {"inputs", "input_shapes", "input_dtypes", "outputs", "output_shapes", "class",
                         "keras_version", "h5", "reload_max_abs_diff": {"keras", "h5"}}}: the last is the check that
                         each file loads back in Keras to the same outputs (it should be 0)
  - merge_rules.json    [{"layer", "kwargs", "input_shapes", "output_shape" or "error"}]: Keras's answer to each merge
                        layer on symbolic inputs of the listed shapes (batch axis left out), broadcasting included

The models: multi_input (the course's Wide & Deep with two inputs), multi_output (its two heads, compiled with
loss weights), wide_deep, residual (Conv2D + Add), inception (three branches concatenated), siamese (a shared
Dense, Subtract and a normalized Dot), merges (every merge layer, with broadcasting), merges_rank (Add, Multiply,
Maximum of inputs of ranks 1 and 2, broadcast), nested (Sequential of a
functional model and a Sequential), nested_functional (that functional model called as a layer),
feature_extraction (wide_deep's inputs to its layer "dense_1") and int_input (an int32 input into Dense).
Prints one JSON line: the models written and the Keras version.
"""

import argparse
import io
import json
import os
import sys
import zipfile

import numpy as np

SAMPLES = 5


def build_models(keras):
    L = keras.layers
    models = {}

    wide = keras.Input((5,), name="wide_input")
    deep = keras.Input((6,), name="deep_input")
    h1 = L.Dense(30, activation="relu", name="dense")(deep)
    h2 = L.Dense(30, activation="relu", name="dense_1")(h1)
    concat = L.concatenate([wide, h2], name="concatenate")
    output = L.Dense(1, name="output")(concat)
    models["multi_input"] = keras.Model(inputs=[wide, deep], outputs=[output], name="multi_input")

    wide = keras.Input((5,), name="wide_input")
    deep = keras.Input((6,), name="deep_input")
    h1 = L.Dense(30, activation="relu", name="dense")(deep)
    h2 = L.Dense(30, activation="relu", name="dense_1")(h1)
    concat = L.concatenate([wide, h2], name="concatenate")
    output = L.Dense(1, name="output")(concat)
    aux = L.Dense(1, name="aux_output")(h2)
    multi_output = keras.Model(inputs=[wide, deep], outputs=[output, aux], name="multi_output")
    multi_output.compile(loss=["mse", "mse"], loss_weights=[0.9, 0.1], metrics=[["mae"], ["mae"]],
                         optimizer=keras.optimizers.SGD(learning_rate=1e-3))
    models["multi_output"] = multi_output

    inp = keras.Input((8,), name="input")
    h1 = L.Dense(30, activation="relu", name="dense")(inp)
    h2 = L.Dense(30, activation="relu", name="dense_1")(h1)
    concat = L.Concatenate(name="concatenate")([inp, h2])
    output = L.Dense(1, name="dense_2")(concat)
    wide_deep = keras.Model(inputs=[inp], outputs=[output], name="wide_deep")
    models["wide_deep"] = wide_deep

    image = keras.Input((8, 8, 3), name="image")
    c1 = L.Conv2D(4, 3, padding="same", activation="relu", name="conv1")(image)
    c2 = L.Conv2D(4, 3, padding="same", name="conv2")(c1)
    added = L.Add(name="add")([c1, c2])
    r = L.Activation("relu", name="relu")(added)
    r = L.GlobalAveragePooling2D(name="gap")(r)
    models["residual"] = keras.Model(image, L.Dense(3, activation="softmax", name="classes")(r), name="residual")

    image = keras.Input((8, 8, 3), name="image")
    b1 = L.Conv2D(4, 1, name="branch_1x1")(image)
    b2 = L.Conv2D(4, 3, padding="same", name="branch_3x3")(image)
    b3 = L.MaxPooling2D(3, strides=1, padding="same", name="branch_pool")(image)
    merged = L.Concatenate(axis=-1, name="mixed")([b1, b2, b3])
    flat = L.Flatten(name="flatten")(merged)
    models["inception"] = keras.Model(image, L.Dense(2, name="logits")(flat), name="inception")

    left = keras.Input((6,), name="left")
    right = keras.Input((6,), name="right")
    shared = L.Dense(4, activation="relu", name="shared")
    el, er = shared(left), shared(right)
    diff = L.Subtract(name="subtract")([el, er])
    cos = L.Dot(axes=1, normalize=True, name="cosine")([el, er])
    both = L.Concatenate(name="concatenate")([diff, cos])
    models["siamese"] = keras.Model([left, right], L.Dense(1, activation="sigmoid", name="same")(both),
                                    name="siamese")

    # Keras 3's Merge.build broadcasts the shapes without the batch axis, right-aligned (numpy rules), so (1,)
    # meets (4,) in every elementwise merge; Subtract takes exactly two inputs, Dot exactly two of one rank.
    a = keras.Input((4,), name="a")
    b = keras.Input((4,), name="b")
    s = keras.Input((1,), name="scale")
    da = L.Dense(4, name="dense_a")(a)
    db = L.Dense(4, name="dense_b")(b)
    merged = [
        L.Add(name="add")([da, db, s]),
        L.Subtract(name="subtract")([da, s]),
        L.Multiply(name="multiply")([s, db]),
        L.Average(name="average")([da, db]),
        L.Maximum(name="maximum")([da, db, s]),
        L.Minimum(name="minimum")([da, db]),
        L.Concatenate(axis=1, name="concat_ab")([da, db]),
        L.Dot(axes=1, name="dot")([da, db]),
    ]
    all_merged = L.Concatenate(axis=1, name="concat_all")(merged)
    models["merges"] = keras.Model([a, b, s], L.Dense(2, name="out")(all_merged), name="merges")

    # Inputs of different ranks: Merge.call expands the lower-rank ones at axis 1 until the ranks match, so the
    # shapes broadcast right-aligned, as numpy's do.
    v = keras.Input((4,), name="vector")
    m = keras.Input((2, 4), name="matrix")
    c = keras.Input((2, 1), name="column")
    ranked = [L.Add(name="add_vm")([v, m]), L.Multiply(name="multiply_mc")([m, c]),
              L.Maximum(name="maximum_vc")([v, c])]
    flat = L.Flatten(name="flatten")(L.Concatenate(axis=1, name="stack")(ranked))
    models["merges_rank"] = keras.Model([v, m, c], L.Dense(2, name="out")(flat), name="merges_rank")

    base_in = keras.Input((8,), name="base_input")
    x = L.Dense(16, activation="relu", name="base_dense_1")(base_in)
    x = L.Dense(8, activation="relu", name="base_dense_2")(x)
    base = keras.Model(base_in, x, name="base")
    head = keras.Sequential([keras.Input((8,)), L.Dense(1, name="head_dense")], name="head")
    models["nested"] = keras.Sequential([base, head], name="nested")

    outer_in = keras.Input((8,), name="features")
    outer = L.Dense(2, activation="softmax", name="probabilities")(base(outer_in))
    models["nested_functional"] = keras.Model(outer_in, outer, name="nested_functional")

    models["feature_extraction"] = keras.Model(inputs=wide_deep.inputs, outputs=wide_deep.get_layer("dense_1").output,
                                               name="feature_extraction")

    try:
        ints = keras.Input((4,), dtype="int32", name="ids")
        models["int_input"] = keras.Model(ints, L.Dense(2, name="dense")(ints), name="int_input")
    except Exception as e:  # noqa: BLE001 - recorded as skipped, the other models still matter
        print("int_input skipped: %s" % e, file=sys.stderr)
    return models


MERGE_CASES = [
    # (layer, kwargs, input shapes without the batch axis)
    ("Add", {}, [[4], [4]]), ("Add", {}, [[4], [1]]), ("Add", {}, [[1], [4]]), ("Add", {}, [[4], [3]]),
    ("Add", {}, [[4], [2, 4]]), ("Add", {}, [[2, 1], [1, 4]]), ("Add", {}, [[4]]), ("Add", {}, [[4], [4], [4]]),
    ("Subtract", {}, [[4], [4]]), ("Subtract", {}, [[4], [1]]), ("Subtract", {}, [[4], [4], [4]]),
    ("Subtract", {}, [[4]]),
    ("Multiply", {}, [[4], [1]]), ("Multiply", {}, [[3, 4], [4]]),
    ("Average", {}, [[4], [4], [1]]), ("Maximum", {}, [[4], [1]]), ("Minimum", {}, [[4], [3]]),
    ("Concatenate", {"axis": 1}, [[4], [3]]), ("Concatenate", {"axis": -1}, [[2, 4], [2, 3]]),
    ("Concatenate", {"axis": 1}, [[2, 4], [3, 4]]), ("Concatenate", {"axis": -1}, [[2, 4], [3, 4]]),
    ("Concatenate", {"axis": -1}, [[4], [2, 4]]), ("Concatenate", {"axis": -1}, [[4]]),
    ("Dot", {"axes": 1}, [[4], [4]]), ("Dot", {"axes": 1}, [[4], [3]]), ("Dot", {"axes": -1}, [[2, 4], [3, 4]]),
    ("Dot", {"axes": [1, 1]}, [[2, 4], [2, 3]]), ("Dot", {"axes": 1, "normalize": True}, [[4], [4]]),
    ("Dot", {"axes": 1}, [[4], [2, 4]]), ("Dot", {"axes": 1}, [[4], [4], [4]]),
]


def merge_rules(keras):
    """What Keras 3 says to each merge of symbolic inputs: the output shape, or its error's first line."""
    rules = []
    for layer, kwargs, shapes in MERGE_CASES:
        record = {"layer": layer, "kwargs": kwargs, "input_shapes": shapes}
        try:
            out = getattr(keras.layers, layer)(**kwargs)([keras.Input(tuple(s)) for s in shapes])
            record["output_shape"] = list(out.shape[1:])
        except Exception as e:  # noqa: BLE001 - the refusal is the rule
            record["error"] = "%s: %s" % (type(e).__name__, str(e).strip().splitlines()[0])
        rules.append(record)
    return rules


def randomize(models):
    """Every variable of every model, shared ones once, becomes normal(0, 1) * 0.3 (numpy seed 7)."""
    rng = np.random.default_rng(7)
    seen = set()
    for name in sorted(models):
        for v in models[name].weights:
            if id(v) in seen:
                continue
            seen.add(id(v))
            v.assign((rng.standard_normal(tuple(v.shape)) * 0.3).astype(v.dtype))


def input_names(model):
    """A Functional's inputs are named by their InputLayer; a Sequential's tensors get counter names
    (keras_tensor_N), so its key is the name of the InputLayer it built (its config's first layer)."""
    if type(model).__name__ == "Sequential":
        return [model._layers[0].name]
    return [t.name for t in model.inputs]


def sample_inputs(model, rng):
    arrays = {}
    for t, name in zip(model.inputs, input_names(model)):
        shape = (SAMPLES,) + tuple(t.shape[1:])
        if "int" in str(t.dtype):
            arrays[name] = rng.integers(-5, 6, size=shape).astype(str(t.dtype))
        else:
            arrays[name] = rng.standard_normal(shape).astype(str(t.dtype))
    return arrays


def write_model(keras, out, name, model, rng):
    inputs = sample_inputs(model, rng)
    names = list(inputs)
    feed = inputs if len(names) > 1 else inputs[names[0]]
    predicted = model.predict(feed, verbose=0)
    if not isinstance(predicted, (list, tuple)):
        predicted = [predicted]
    # Sequential has no output_names; its output tensor's name is what Keras's load gives the output.
    output_names = list(getattr(model, "output_names", None) or [model.layers[-1].name])
    if len(output_names) != len(predicted):
        raise SystemExit("%s: %d output names for %d outputs" % (name, len(output_names), len(predicted)))
    np.savez(os.path.join(out, name + ".inputs.npz"), **inputs)
    np.savez(os.path.join(out, name + ".outputs.npz"),
             **{n: np.asarray(p) for n, p in zip(output_names, predicted)})

    model.save(os.path.join(out, name + ".keras"))
    with zipfile.ZipFile(os.path.join(out, name + ".keras")) as z:
        config = json.loads(z.read("config.json"))
    with open(os.path.join(out, name + ".config.json"), "w") as f:
        json.dump(config, f, indent=2)

    paths = {"keras": weight_paths(os.path.join(out, name + ".keras"))}
    h5 = True
    try:
        import h5py
        model.save(os.path.join(out, name + ".h5"))
        paths["h5"] = weight_paths(os.path.join(out, name + ".h5"))
        with h5py.File(os.path.join(out, name + ".h5"), "r") as f:
            raw = f.attrs["model_config"]
        raw = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        with open(os.path.join(out, name + ".h5config.json"), "w") as f:
            json.dump(json.loads(raw), f, indent=2)
    except Exception as e:  # noqa: BLE001 - recorded in summary.json
        print("%s.h5 not written: %s" % (name, e), file=sys.stderr)
        h5 = False

    with open(os.path.join(out, name + ".weightpaths.json"), "w") as f:
        json.dump(paths, f, indent=1)

    # rich sizes its console from $COLUMNS (80 without a terminal), which would cut the table's right columns.
    os.environ["COLUMNS"] = "140"
    lines = []
    model.summary(line_length=130, print_fn=lambda text, **kwargs: lines.append(text))
    with open(os.path.join(out, name + ".summary.txt"), "w") as f:
        f.write("".join(lines))

    reloaded = {"keras": reload_difference(keras, os.path.join(out, name + ".keras"), feed, predicted)}
    if h5:
        reloaded["h5"] = reload_difference(keras, os.path.join(out, name + ".h5"), feed, predicted)
    return {"class": type(model).__name__,
            "inputs": names,
            "input_shapes": [list(t.shape) for t in model.inputs],
            "input_dtypes": [str(t.dtype) for t in model.inputs],
            "outputs": output_names,
            "output_shapes": [list(np.asarray(p).shape) for p in predicted],
            "keras_version": keras.__version__,
            "h5": h5,
            "reload_max_abs_diff": reloaded}


def weight_paths(path):
    """{dataset path: shape} of the weights file: model.weights.h5 inside a .keras zip, or a legacy .h5 itself."""
    import h5py
    found = {}

    def visit(name, item):
        if isinstance(item, h5py.Dataset):
            found[name] = list(item.shape)

    if path.endswith(".keras"):
        with zipfile.ZipFile(path) as z:
            data = io.BytesIO(z.read("model.weights.h5"))
        with h5py.File(data, "r") as f:
            f.visititems(visit)
    else:
        with h5py.File(path, "r") as f:
            f.visititems(visit)
    return found


def reload_difference(keras, path, feed, predicted):
    """Max |d| between the model's outputs and those of the file loaded back (safe_mode), a check of the file."""
    again = keras.models.load_model(path, compile=False)
    outputs = again.predict(feed, verbose=0)
    if not isinstance(outputs, (list, tuple)):
        outputs = [outputs]
    return max(float(np.max(np.abs(np.asarray(a) - np.asarray(b)))) for a, b in zip(outputs, predicted))


def quiet():
    """Keeps stderr for real problems: no retracing notes, no 'HDF5 is legacy' warnings."""
    import logging
    import tensorflow as tf
    tf.get_logger().setLevel("ERROR")
    logging.getLogger("absl").setLevel(logging.ERROR)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out", help="the folder to write (created if missing)")
    args = p.parse_args(argv)
    import keras
    quiet()
    keras.utils.set_random_seed(7)
    os.makedirs(args.out, exist_ok=True)
    models = build_models(keras)
    randomize(models)
    rng = np.random.default_rng(11)
    summary = {name: write_model(keras, args.out, name, models[name], rng) for name in models}
    with open(os.path.join(args.out, "summary.json"), "w") as f:
        json.dump(summary, f, indent=1)
    with open(os.path.join(args.out, "merge_rules.json"), "w") as f:
        json.dump(merge_rules(keras), f, indent=1)
    print(json.dumps({"models": list(summary), "keras": keras.__version__}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
