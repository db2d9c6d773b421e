"""Seeded random weights for a Keras model, so that no layer of a parity fixture is an identity.

Kernels normal * sqrt(2 / fan_in) (depthwise: fan_in = kh * kw), biases and BatchNormalization's beta and
moving_mean normal * 0.1, gamma uniform(0.5, 1.5), moving_variance and Normalization's variance uniform(0.5, 2)
(positive, not 1); integer weights and Normalization's adapt count are kept, and a Normalization layer is finalized
as load_model does, so that its call uses the assigned mean and variance.
"""

import keras
import numpy as np


def randomize(model, rng):
    """Overwrites every float weight of ``model`` from the numpy Generator ``rng``."""
    for layer in model.layers:
        for w in layer.weights:
            name = w.path.split("/")[-1]
            shape = tuple(w.shape)
            if "int" in str(w.dtype) or name == "count":
                continue
            if name in ("kernel", "depthwise_kernel", "pointwise_kernel"):
                fan_in = int(np.prod(shape[:-1])) if name != "depthwise_kernel" else int(np.prod(shape[:2]))
                value = rng.standard_normal(shape, dtype=np.float32) * np.float32(np.sqrt(2.0 / fan_in))
            elif name == "gamma":
                value = rng.uniform(0.5, 1.5, shape)
            elif name in ("moving_variance", "variance"):
                value = rng.uniform(0.5, 2.0, shape)
            else:  # bias, beta, moving_mean, mean
                value = rng.normal(0.0, 0.1, shape)
            w.assign(value.astype(np.float32))
        if isinstance(layer, keras.layers.Normalization):
            layer.finalize_state()
