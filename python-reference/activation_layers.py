"""The activation, dropout, pooling and preprocessing pieces Keras Applications use, for KerasJ's
ActivationLayersParityTest.

Usage:
  activation_layers.py make OUT_DIR
      Builds one small functional model with all of them (seeded weights), saves OUT_DIR/model.keras and
      OUT_DIR/model.h5, and writes OUT_DIR/reference.json: the fixed inputs x (N, 8, 8, 3) and Keras's predictions.
  activation_layers.py check MODEL.keras DATA.json OUT.json
      Loads a KerasJ file in safe mode, predicts DATA.json's x, and writes OUT.json: the predictions and the layer
      classes with their configs' key options.
"""
import json
import sys

import keras
import numpy as np
from keras import layers


def build():
    keras.utils.set_random_seed(11)
    init = keras.initializers.RandomUniform(-0.6, 0.6, seed=5)
    inp = keras.Input((8, 8, 3), name="image")
    x = layers.Rescaling([1 / 255.0, 2 / 255.0, 0.5 / 255.0], offset=[0.1, -0.2, 0.0])(inp)
    x = layers.Normalization(axis=-1, mean=[0.6, 0.8, 0.3], variance=[0.04, 0.09, 0.01])(x)
    x = layers.Normalization(axis=3, name="weight_normalization")(x)
    x = layers.Conv2D(8, 3, padding="same", activation="swish", kernel_initializer=init)(x)
    x = layers.ReLU(max_value=6.0)(x)
    x = layers.Conv2D(8, 3, padding="same", activation="hard_silu", kernel_initializer=init)(x)
    x = layers.ReLU(max_value=4.0, negative_slope=0.1, threshold=0.2)(x)
    x = layers.PReLU(alpha_initializer=init, shared_axes=[1, 2])(x)
    x = layers.Dropout(0.2, noise_shape=(None, 1, 1, 1), seed=7)(x)
    x = layers.SpatialDropout2D(0.1, seed=3)(x)
    x = layers.Conv2D(8, 1, activation="gelu", kernel_initializer=init)(x)
    x = layers.LeakyReLU()(x)
    x = layers.Conv2D(8, 1, activation="mish", kernel_initializer=init)(x)
    x = layers.ELU(alpha=0.7)(x)
    x = layers.Add()([x, layers.Softmax(axis=1)(x)])
    x = layers.Conv2D(8, 1, activation="hard_sigmoid", kernel_initializer=init, bias_initializer=init)(x)
    x = layers.Conv2D(8, 1, activation="relu6", kernel_initializer=init)(x)
    x = layers.ReLU(negative_slope=0.05)(x)
    a = layers.GlobalAveragePooling2D(keepdims=True)(x)
    a = layers.Conv2D(8, 1, activation="selu", kernel_initializer=init)(a)
    x = layers.Multiply()([x, a])
    x = layers.Conv2D(8, 1, activation="elu", kernel_initializer=init)(x)
    x = layers.GlobalMaxPooling2D()(x)
    x = layers.Dense(4, activation="leaky_relu", kernel_initializer=init)(x)
    out = layers.Softmax()(x)
    model = keras.Model(inp, out)
    norm = model.get_layer("weight_normalization")
    norm.set_weights([np.array([0.1, -0.2, 0.05], "float32"), np.array([1.5, 0.8, 2.0], "float32"), np.array(0)])
    norm.finalize_state()  # set_weights alone leaves the statistics the layer divides by at their first values
    return model


def make(out):
    model = build()
    x = np.random.default_rng(4).uniform(0, 255, size=(6, 8, 8, 3)).astype("float32")
    model.save(f"{out}/model.keras")
    model.save(f"{out}/model.h5")
    with open(f"{out}/reference.json", "w", encoding="utf-8") as f:
        json.dump({"x": x.tolist(), "predictions": model.predict(x, verbose=0).tolist()}, f)


def check(model_file, data_file, out):
    model = keras.saving.load_model(model_file, safe_mode=True)
    with open(data_file, encoding="utf-8") as f:
        x = np.array(json.load(f)["x"], "float32")
    classes = [{"class": type(l).__name__, "config": {k: v for k, v in l.get_config().items() if k in (
        "max_value", "negative_slope", "threshold", "alpha", "axis", "shared_axes", "noise_shape", "seed", "keepdims",
        "scale", "offset", "mean", "variance", "activation", "rate")}} for l in model.layers]
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"predictions": model.predict(x, verbose=0).tolist(), "layers": classes}, f, default=str)


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2])
    else:
        check(sys.argv[2], sys.argv[3], sys.argv[4])
