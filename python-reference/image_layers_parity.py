"""Keras 3 numbers for KerasJ's convolution and shape layers
(kerasj-core/src/test/java/io/kerasj/layers/ImageLayersParityTest.java).

Usage: image_layers_parity.py SPEC.json OUT_DIR

SPEC.json (written by the Java test) holds x, y and the initial weights. The script builds the test's model
(ZeroPadding2D, Conv2D with strides, groups and dilation, DepthwiseConv2D plain and dilated, SeparableConv2D,
Conv2DTranspose, UpSampling2D bilinear and nearest, Cropping2D), sets the weights, predicts x, saves
OUT_DIR/keras.keras and OUT_DIR/keras.h5, loads KerasJ's OUT_DIR/java.keras and predicts x with it, then takes one
SGD step (mse, learning rate 0.1, the whole batch) and reports the weights. It prints one JSON object.
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402


def build():
    return keras.Sequential([
        keras.Input((8, 8, 3)),
        layers.ZeroPadding2D(((0, 1), (1, 0))),
        layers.Conv2D(4, 3, strides=2),
        layers.DepthwiseConv2D(3, padding="same", depth_multiplier=2, activation="relu"),
        layers.Conv2D(4, 3, padding="same", groups=2),
        layers.DepthwiseConv2D(2, padding="same", dilation_rate=2),
        layers.Conv2D(4, 2, padding="same", dilation_rate=2),
        layers.SeparableConv2D(6, 3, padding="same", depth_multiplier=2, activation="tanh"),
        layers.Conv2DTranspose(3, 3, strides=2, padding="same"),
        layers.UpSampling2D(2, interpolation="bilinear"),
        layers.Cropping2D(((1, 2), (2, 1))),
        layers.UpSampling2D((1, 2)),
        layers.Conv2DTranspose(2, 2, strides=2, output_padding=1),
        layers.Flatten(),
        layers.Dense(2),
    ])


def main(spec_path, out_dir):
    with open(spec_path) as f:
        spec = json.load(f)
    x = np.array(spec["x"], "float32").reshape(-1, 8, 8, 3)
    y = np.array(spec["y"], "float32").reshape(-1, 2)
    model = build()
    model.set_weights([np.array(w["values"], "float32").reshape(w["shape"]) for w in spec["weights"]])
    out = {"predictions": model.predict(x, verbose=0).flatten().tolist(),
           "weight_paths": [w.path for w in model.weights]}
    for ext in ("keras", "h5"):
        model.save(os.path.join(out_dir, "keras." + ext))
    java = keras.saving.load_model(os.path.join(out_dir, "java.keras"))
    out["java_file_predictions"] = java.predict(x, verbose=0).flatten().tolist()
    out["java_file_classes"] = [layer.__class__.__name__ for layer in java.layers]
    model.compile(loss="mse", optimizer=keras.optimizers.SGD(0.1))
    model.fit(x, y, batch_size=len(x), epochs=1, shuffle=False, verbose=0)
    out["trained_weights"] = [w.flatten().tolist() for w in model.get_weights()]
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
