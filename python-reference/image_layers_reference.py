"""Keras 3's image preprocessing layers for ImageLayersKerasParityTest (kerasj-core), in one process.

Usage: image_layers_reference.py OUT JAVA_FILE
Writes OUT/inputs.npz (x: 2 images 10x8x3 in [0, 255]); OUT/outputs.npz: each case's inference output, by case name;
OUT/training.npz: training outputs of layers whose ranges hold one value; OUT/crop_training.npz:
RandomCrop's training outputs on images not larger than its target both ways; OUT/keras_aug.keras (a Sequential of every layer) and its inference output in OUT/keras_aug.npz (y); loads JAVA_FILE
(written by KerasJ), predicts x with it into OUT/java_in_keras.npz (y), and prints a JSON line: its layers' class
names and configs.
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402
import keras  # noqa: E402

out, java_file = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
x = np.random.default_rng(25).uniform(0, 255, size=(2, 10, 8, 3)).astype("float32")
np.savez(os.path.join(out, "inputs.npz"), x=x)

L = keras.layers
cases = {
    "resize_bilinear": L.Resizing(6, 5),
    "resize_up": L.Resizing(13, 11),
    "resize_nearest": L.Resizing(7, 3, interpolation="nearest"),
    "resize_crop": L.Resizing(6, 6, crop_to_aspect_ratio=True),
    "center_crop": L.CenterCrop(6, 4),
    "center_crop_small": L.CenterCrop(12, 5),
    "flip": L.RandomFlip(),
    "contrast": L.RandomContrast(0.4),
    "brightness": L.RandomBrightness(0.3),
    "rotation": L.RandomRotation(0.2),
    "zoom": L.RandomZoom(0.2),
    "translation": L.RandomTranslation(0.1, 0.2),
    "crop": L.RandomCrop(6, 6),  # Keras 3.15 passes the images through at inference, uncropped
}
np.savez(os.path.join(out, "outputs.npz"),
         **{name: keras.ops.convert_to_numpy(layer(x, training=False)) for name, layer in cases.items()})

# training with a range of one value: no randomness left, so Java's training output can equal Keras's
fixed = {
    "rotation": L.RandomRotation((0.1, 0.1)),
    "rotation_constant": L.RandomRotation((-0.05, -0.05), fill_mode="constant", fill_value=3.0, interpolation="nearest"),
    "zoom": L.RandomZoom((0.2, 0.2), (-0.1, -0.1), fill_mode="wrap"),
    "translation": L.RandomTranslation((0.1, 0.1), (-0.2, -0.2), fill_mode="nearest"),
    "brightness": L.RandomBrightness((0.2, 0.2)),
}
np.savez(os.path.join(out, "training.npz"),
         **{name: keras.ops.convert_to_numpy(layer(x, training=True)) for name, layer in fixed.items()})

# RandomCrop in training on images not larger than the target both ways: no randomness, Keras 3.15's own path
crops = {
    "crop_up": L.RandomCrop(12, 5),
    "crop_height": L.RandomCrop(6, 8),
    "crop_same": L.RandomCrop(10, 8),
    "crop_wide": L.RandomCrop(4, 20),
    "crop_tall": L.RandomCrop(20, 3),
}
np.savez(os.path.join(out, "crop_training.npz"),
         **{name: keras.ops.convert_to_numpy(layer(x, training=True)) for name, layer in crops.items()})

model = keras.Sequential([
    keras.Input((10, 8, 3)),
    L.RandomRotation(0.15, fill_mode="constant", fill_value=1.0, seed=2),
    L.RandomZoom((-0.3, 0.1), 0.2, fill_mode="nearest"),
    L.RandomTranslation(0.1, (0.0, 0.2), interpolation="nearest"),
    L.RandomFlip("horizontal", seed=3),
    L.RandomContrast([0.1, 0.2], seed=4),
    L.RandomBrightness(0.1, value_range=(0, 255)),
    L.Resizing(9, 7, interpolation="nearest"),
    L.RandomCrop(9, 7, seed=5),  # of the input's size: Keras 3.15 passes images through unchanged at inference
    L.CenterCrop(4, 3),
])
model.save(os.path.join(out, "keras_aug.keras"))
np.savez(os.path.join(out, "keras_aug.npz"), y=keras.ops.convert_to_numpy(model(x, training=False)))

java = keras.saving.load_model(java_file)
np.savez(os.path.join(out, "java_in_keras.npz"), y=keras.ops.convert_to_numpy(java(x, training=False)))
print(json.dumps([{"class_name": type(layer).__name__, "config": layer.get_config()} for layer in java.layers
                  if not isinstance(layer, L.InputLayer)],
                 default=list))
