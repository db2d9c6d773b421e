#!/usr/bin/env python3
"""The Fashion-MNIST notebook of one series model in Keras 3, for peak-memory comparisons with `kerasj notebook`.

Loads the data as the notebook does (5,000 validation images, pixels / 255 as float32, [N, 28, 28, 1] for the CNN),
fits EPOCHS epochs with the validation set, evaluates on the test set and predicts the first three test images:
what `kerasj notebook --model NAME --epochs EPOCHS` does. Measure it with
`/usr/bin/time -v python notebook_memory.py cnn 1` ("Maximum resident set size").

Usage:  python notebook_memory.py [NAME] [EPOCHS]
"""

import sys

import numpy as np

import fmnist_data
import series_models


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    name = argv[0] if argv else "cnn"
    epochs = int(argv[1]) if len(argv) > 1 else 1
    import keras
    keras.utils.set_random_seed(1)
    (x_full, y_full), (x_test, y_test) = fmnist_data.load(fmnist_data.default_dir())
    scale = np.float32(255)
    x_valid, x_train = x_full[:5000].astype(np.float32) / scale, x_full[5000:].astype(np.float32) / scale
    y_valid, y_train = y_full[:5000], y_full[5000:]
    x_test = x_test.astype(np.float32) / scale
    if name == "cnn":
        x_train, x_valid, x_test = (a[..., np.newaxis] for a in (x_train, x_valid, x_test))
    model = series_models.build(keras, name)
    model.fit(x_train, y_train, epochs=epochs, validation_data=(x_valid, y_valid), verbose=2)
    print(model.evaluate(x_test, y_test, verbose=2))
    print(model.predict(x_test[:3], verbose=0).round(2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
