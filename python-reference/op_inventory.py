#!/usr/bin/env python3
"""The op types that Keras models really export: the evidence behind KerasJ's SavedModel op allow-list.

  python op_inventory.py OUT [--only GROUP ...] [--apps NAME ...] [--saved-model DIR ...] [--check ALLOWED_OPS_TXT]

Exports, each with Keras 3's model.export() and with tf.saved_model.save (a serving signature around model(x)),
under OUT/exports/:

  - series:       the six models of the Fashion-MNIST series (series_models.py)
  - applications: Keras Applications MobileNetV2, MobileNetV3Small, ResNet50, EfficientNetB0, VGG16, InceptionV3,
                  DenseNet121, Xception, weights=None, at small input sizes, include_top True and False
  - tf:           a tf.Module written with the TensorFlow ops that tf.keras 2 layers (no longer installable next to
                  TF 2.21) put in their exports: fused batch normalization, tf.cond / tf.while_loop (If, While and
                  their stateless forms), and common math, exported with tf.saved_model.save only
  - layers:       small functional models of common layers (Dense, Concatenate, Add, Embedding, Normalization,
                  Dropout, BatchNormalization, LayerNormalization, Conv1D/2D/2DTranspose, depthwise and separable
                  convolutions, pooling, padding, resizing, LSTM, GRU, SimpleRNN, Bidirectional, MultiHeadAttention)

and reads the op types of every node in each saved_model.pb: the graph's and those of every library function. It
also reads the reference models in ../shared/reference-models beside the repository and any --saved-model DIR (KerasJ's own exports).
It writes OUT/op-inventory.json ({op: [sources]}) and prints a summary. With --check, it prints the ops seen that
the allow-list lacks, leaving out the checkpoint ops that KerasJ allows only on the restore path (RestoreV2) or
never scans (the save path: SaveV2, MergeV2Checkpoints, ShardedFilename, StringJoin, StaticRegexFullMatch), and exits 1 if any is left.
"""

import argparse
import glob
import json
import os
import sys

GROUPS = ["series", "applications", "layers", "tf"]
# The save path (saver_def.save_tensor_name) is never run by loading or serving and is not scanned; RestoreV2 is
# allowed on the restore path only. They are not in the allow-list.
CHECKPOINT_ONLY = {"SaveV2", "MergeV2Checkpoints", "ShardedFilename", "RestoreV2", "StringJoin", "StaticRegexFullMatch"}


def op_types(saved_model_dir):
    """Every op type in the saved_model.pb of SAVED_MODEL_DIR: graph nodes and library function nodes."""
    from tensorflow.core.protobuf import saved_model_pb2
    sm = saved_model_pb2.SavedModel()
    with open(os.path.join(saved_model_dir, "saved_model.pb"), "rb") as f:
        sm.ParseFromString(f.read())
    ops = set()
    for mg in sm.meta_graphs:
        ops.update(n.op for n in mg.graph_def.node)
        for fn in mg.graph_def.library.function:
            ops.update(n.op for n in fn.node_def)
    # A node whose op is a library function is a call, not an op type.
    functions = {fn.signature.name for mg in sm.meta_graphs for fn in mg.graph_def.library.function}
    return ops - functions


APPLICATIONS = ["MobileNetV2", "MobileNetV3Small", "ResNet50", "EfficientNetB0", "VGG16", "InceptionV3",
                "DenseNet121", "Xception"]


def application_models(keras, names):
    A = keras.applications
    specs = [("MobileNetV2", A.MobileNetV2, 32), ("MobileNetV3Small", A.MobileNetV3Small, 32),
             ("ResNet50", A.ResNet50, 32), ("EfficientNetB0", A.EfficientNetB0, 32), ("VGG16", A.VGG16, 32),
             ("InceptionV3", A.InceptionV3, 75), ("DenseNet121", A.DenseNet121, 32), ("Xception", A.Xception, 71)]
    for name, ctor, size in specs:
        if name not in names:
            continue
        for top in (True, False):
            keras.backend.clear_session()
            kwargs = {"classes": 10} if top else {"pooling": "avg"}
            yield "%s-%s" % (name, "top" if top else "notop"), ctor(
                weights=None, include_top=top, input_shape=(size, size, 3), **kwargs)


def layer_models(keras):
    L = keras.layers

    def functional(name, inputs, outputs):
        return name, keras.Model(inputs, outputs)

    a, b = keras.Input((8,)), keras.Input((8,))
    x = L.Concatenate()([a, b])
    x = L.Dense(16, activation="relu")(x)
    x = L.Dropout(0.2)(x)
    x = L.Add()([L.Dense(16)(x), L.Dense(16, activation="tanh")(x)])
    x = L.Multiply()([x, L.Dense(16, activation="sigmoid")(x)])
    x = L.Average()([x, L.Subtract()([x, L.Dense(16)(x)])])
    yield functional("regression-two-inputs", [a, b], L.Dense(1)(L.BatchNormalization()(x)))

    t = keras.Input((12,), dtype="int32")
    e = L.Embedding(100, 8)(t)
    yield functional("embedding-lstm", t, L.Dense(3, activation="softmax")(L.LSTM(8)(e)))
    yield functional("embedding-gru-bidirectional", t,
                     L.Dense(1, activation="sigmoid")(L.Bidirectional(L.GRU(8))(L.Embedding(100, 8)(t))))
    s = keras.Input((10, 4))
    yield functional("simplernn-conv1d", s, L.Dense(2)(L.Concatenate()([
        L.SimpleRNN(6)(s), L.GlobalAveragePooling1D()(L.Conv1D(6, 3, activation="elu")(s)),
        L.GlobalMaxPooling1D()(L.MaxPooling1D(2)(s))])))
    yield functional("attention-layernorm", s, L.GlobalAveragePooling1D()(L.LayerNormalization()(
        L.MultiHeadAttention(2, 4)(s, s) + s)))

    norm = L.Normalization()
    import numpy as np
    norm.adapt(np.arange(40, dtype="float32").reshape(10, 4))
    v = keras.Input((4,))
    yield functional("normalization-dense", v, L.Dense(2, activation="softplus")(L.LeakyReLU()(L.Dense(5)(norm(v)))))

    img = keras.Input((16, 16, 3))
    y = L.Rescaling(1 / 255.0)(img)
    y = L.ZeroPadding2D(1)(y)
    y = L.Conv2D(8, 3, activation="relu")(y)
    y = L.DepthwiseConv2D(3, padding="same")(y)
    y = L.SeparableConv2D(8, 3, padding="same", activation="swish")(y)
    y = L.AveragePooling2D(2)(y)
    y = L.UpSampling2D(2)(y)
    y = L.Conv2DTranspose(4, 3, strides=2, padding="same")(y)
    y = L.Cropping2D(2)(y)
    y = L.Resizing(8, 8)(y)
    y = L.MaxPooling2D(2)(y)
    y = L.Flatten()(L.Activation("gelu")(L.BatchNormalization()(y)))
    yield functional("conv-zoo", img, L.Dense(10, activation="softmax")(L.Dropout(0.5)(y)))


def tf_keras_ops_module(tf):
    """What tf.keras 2's layers write with plain TensorFlow: FusedBatchNormV3, If/StatelessIf, While, math."""
    class Ops(tf.Module):
        def __init__(self):
            super().__init__()
            self.scale = tf.Variable(tf.ones([4]))
            self.kernel = tf.Variable(tf.ones([4, 3]))

        @tf.function(input_signature=[tf.TensorSpec([None, 2, 2, 4], tf.float32), tf.TensorSpec([], tf.bool)])
        def serve(self, x, training):
            y, _, _ = tf.compat.v1.nn.fused_batch_norm(x, self.scale, tf.zeros([4]), tf.zeros([4]), tf.ones([4]),
                                                       is_training=False)
            y = tf.cond(training, lambda: tf.nn.dropout(y, 0.5), lambda: tf.identity(y))
            y = tf.cond(tf.reduce_sum(y) > 0, lambda: tf.exp(-tf.abs(y)), lambda: tf.math.log1p(tf.square(y)))
            y = tf.while_loop(lambda i, v: i < 2, lambda i, v: (i + 1, tf.minimum(v * 2.0, 6.0)), (0, y))[1]
            y = tf.image.resize(y, [4, 4], method="nearest")
            z = tf.matmul(tf.reduce_mean(y, axis=[1, 2]), self.kernel)
            return {"probabilities": tf.nn.softmax(z), "class": tf.argmax(z, axis=1),
                    "log": tf.nn.log_softmax(tf.math.pow(tf.nn.relu6(z), 2.0) + tf.math.sign(z))}
    return Ops()


def series(keras):
    import series_models
    for name in series_models.NAMES:
        keras.backend.clear_session()
        yield name, series_models.build(keras, name)


def export_both(tf, model, base):
    """model.export(base/export) and tf.saved_model.save(base/tf_saved_model); returns the directories written."""
    written = []
    path = os.path.join(base, "export")
    model.export(path, verbose=False)
    written.append(path)
    specs = [tf.TensorSpec(i.shape, i.dtype, name=i.name) for i in model.inputs]
    fn = tf.function(lambda *xs: model(list(xs) if len(xs) > 1 else xs[0], training=False), input_signature=specs)
    path = os.path.join(base, "tf_saved_model")
    tf.saved_model.save(model, path, signatures=fn.get_concrete_function())
    written.append(path)
    return written


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--only", nargs="*", choices=GROUPS, default=GROUPS)
    p.add_argument("--apps", nargs="*", choices=APPLICATIONS, default=APPLICATIONS, help="the Keras Applications to export")
    p.add_argument("--saved-model", nargs="*", default=[], help="more SavedModel directories to read (KerasJ's exports)")
    here = os.path.dirname(os.path.abspath(__file__))
    p.add_argument("--reference-models", default=os.path.join(here, "..", "..", "shared", "reference-models"))
    p.add_argument("--check", help="allowed-ops.txt: print the ops seen that it lacks")
    a = p.parse_args()
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import keras
    import tensorflow as tf

    seen = {}

    def record(source, directory):
        for op in op_types(directory):
            seen.setdefault(op, []).append(source)

    makers = {"series": series, "applications": lambda k: application_models(k, a.apps), "layers": layer_models}
    for group in a.only:
        if group == "tf":
            path = os.path.join(a.out, "exports", "tf", "tf_keras_ops", "tf_saved_model")
            module = tf_keras_ops_module(tf)
            tf.saved_model.save(module, path, signatures=module.serve.get_concrete_function())
            record("tf/tf_keras_ops/tf_saved_model", path)
            continue
        for name, model in makers[group](keras):
            base = os.path.join(a.out, "exports", group, name)
            for d in export_both(tf, model, base):
                record("%s/%s/%s" % (group, name, os.path.basename(d)), d)
            print("exported %s/%s" % (group, name), file=sys.stderr)
    for d in sorted(glob.glob(os.path.join(a.reference_models, "*", "saved_model.pb"))):
        record("reference/" + os.path.basename(os.path.dirname(d)), os.path.dirname(d))
    for d in a.saved_model:
        record("saved-model/" + os.path.basename(os.path.normpath(d)), d)

    with open(os.path.join(a.out, "op-inventory.json"), "w") as f:
        json.dump({op: sorted(src) for op, src in sorted(seen.items())}, f, indent=1)
    print("%d op types from %d exports" % (len(seen), len({s for v in seen.values() for s in v})))
    for op in sorted(seen):
        print("  %-40s %d" % (op, len(seen[op])))
    if a.check:
        with open(a.check) as f:
            allowed = {line.split("#")[0].strip() for line in f} - {""}
        missing = sorted(set(seen) - allowed - CHECKPOINT_ONLY)
        unused = sorted(allowed - set(seen))
        print("seen but not allowed: %s" % (", ".join(missing) or "none"))
        print("allowed but not seen here: %s" % (", ".join(unused) or "none"))
        return 1 if missing else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
