"""Keras 3 numbers for KerasJ's GradientTape-loop parity test (CustomStepParityTest.java).

The course's chapter-3 loop: a small regression model with fixed weights, trained by a Python for-loop over fixed
batches with tf.GradientTape and optimizer.apply_gradients. Prints one JSON object: each step's loss and the final
weights. The data and the first weights are formulas the Java test computes alike.
"""
import json
import math
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402

N, FEATURES, HIDDEN, BATCH, STEPS = 24, 3, 4, 8, 12


def data():
    x = np.array([[math.sin(i * FEATURES + j) for j in range(FEATURES)] for i in range(N)], dtype="float32")
    y = (2 * x[:, 0] - x[:, 1] + 0.5).reshape(N, 1).astype("float32")
    return x, y


def first_weights():
    kernel = np.array([math.cos(k) * 0.5 for k in range(FEATURES * HIDDEN)], "float32").reshape(FEATURES, HIDDEN)
    bias = np.array([0.1 * k for k in range(HIDDEN)], "float32")
    head = np.array([math.sin(k + 1) * 0.5 for k in range(HIDDEN)], "float32").reshape(HIDDEN, 1)
    return [kernel, bias, head, np.array([0.0], "float32")]


def main():
    x, y = data()
    model = keras.Sequential([keras.Input((FEATURES,)), keras.layers.Dense(HIDDEN, activation="relu"), keras.layers.Dense(1)])
    model.set_weights(first_weights())
    optimizer = keras.optimizers.Adam(0.05)
    losses = []
    for step in range(STEPS):
        start = (step % (N // BATCH)) * BATCH
        xb, yb = x[start:start + BATCH], y[start:start + BATCH]
        with tf.GradientTape() as tape:
            y_pred = model(xb, training=True)
            loss = tf.reduce_mean(keras.losses.mean_squared_error(yb, y_pred))
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
        losses.append(float(loss))
    print(json.dumps({"losses": losses, "weights": [w.flatten().tolist() for w in model.get_weights()]}))


if __name__ == "__main__":
    main()
