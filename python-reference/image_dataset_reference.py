"""Keras 3's image_dataset_from_directory on a folder KerasJ wrote, for ImageDatasetKerasParityTest.

Usage: image_dataset_reference.py DIR OUT.json [FORMATS_DIR]
Writes, per configuration, class_names, file_paths (relative to DIR, in Keras's order), and the labels and images
of a pass over the datasets Keras does not shuffle per pass (images flattened, float32 values as Python floats).
"""
import json
import os
import sys

import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import keras  # noqa: E402

directory, out_path = sys.argv[1], sys.argv[2]


def rel(paths, root=None):
    return [os.path.relpath(p, root or directory).replace(os.sep, "/") for p in paths]


def elements(ds):
    labels, images = [], []
    for element in ds:
        if isinstance(element, tuple):
            image, label = element
            labels.append(np.asarray(label).tolist())
        else:
            image = element
        images.append(np.asarray(image, dtype=np.float32).reshape(-1).tolist())
    return labels, images


def describe(ds, with_elements=True, root=None):
    out = {"class_names": ds.class_names, "file_paths": rel(ds.file_paths, root)}
    if with_elements:
        out["labels"], out["images"] = elements(ds)
    return out


def load(**kwargs):
    return keras.utils.image_dataset_from_directory(directory, verbose=False, **kwargs)


configs = {}
configs["sorted_rgb_bilinear"] = describe(load(image_size=(6, 5), batch_size=None, shuffle=False))
configs["grayscale_nearest"] = describe(load(image_size=(9, 13), batch_size=None, shuffle=False,
                                             color_mode="grayscale", interpolation="nearest"))
configs["categorical_crop"] = describe(load(image_size=(4, 7), batch_size=None, shuffle=False,
                                            label_mode="categorical", crop_to_aspect_ratio=True))
configs["rgba_class_names"] = describe(load(image_size=(5, 5), batch_size=None, shuffle=False, color_mode="rgba",
                                            class_names=["cats", "birds"], label_mode="binary"))
train, val = load(image_size=(6, 5), batch_size=None, shuffle=True, seed=1337, validation_split=0.3, subset="both")
configs["split_train"] = describe(train, with_elements=False)
configs["split_train"]["labels"], _ = elements(train)  # a multiset: Keras shuffles the training set each pass
configs["split_val"] = describe(val)
single = load(image_size=(6, 5), batch_size=None, shuffle=True, seed=42, validation_split=0.25, subset="validation")
configs["validation_subset"] = describe(single, with_elements=False)
configs["unlabelled_shuffled"] = describe(load(labels=None, image_size=(6, 5), batch_size=None, shuffle=True, seed=7),
                                          with_elements=False)
if len(sys.argv) > 3:
    formats = sys.argv[3]
    configs["formats_rgb"] = describe(keras.utils.image_dataset_from_directory(
        formats, verbose=False, image_size=(5, 6), batch_size=None, shuffle=False), root=formats)
with open(out_path, "w") as f:
    json.dump(configs, f)
