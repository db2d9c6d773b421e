"""Keras 3 numbers for KerasJ's engine parity test (src/test/java/io/kerasj/model/EngineParityTest.java).

Each case builds a tiny model with fixed weights, trains or evaluates it, and the script prints one JSON object
with the results. The Java test runs the same cases and compares.
"""
import json
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import numpy as np  # noqa: E402
import keras  # noqa: E402


def batch_normalization():
    x = np.array([[1, -3], [2, -1], [3, 1], [4, 3]], dtype="float32")
    y = np.array([0, 1, 0, 1])
    model = keras.Sequential([keras.Input((2,)), keras.layers.BatchNormalization(), keras.layers.Dense(2, activation="softmax")])
    model.layers[1].set_weights([np.array([[1, -1], [0.5, 2]], "float32"), np.array([0.1, -0.1], "float32")])
    model.compile(loss="sparse_categorical_crossentropy", optimizer=keras.optimizers.SGD(0.1))
    model.fit(x, y, batch_size=4, epochs=2, shuffle=False, verbose=0)
    return {"weights": [w.flatten().tolist() for w in model.get_weights()],
            "predictions": model.predict(x, verbose=0).flatten().tolist()}


def rmsprop():
    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
    model.set_weights([np.array([[0.5]], "float32"), np.array([0.0], "float32")])
    model.compile(loss="mean_squared_error", optimizer=keras.optimizers.RMSprop())
    model.fit(np.array([[2.0]], "float32"), np.array([[3.0]], "float32"), batch_size=1, epochs=3, verbose=0)
    return {"weights": [w.flatten().tolist() for w in model.get_weights()]}


def learning_rate_schedule():
    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
    model.set_weights([np.array([[0.5]], "float32"), np.array([0.0], "float32")])
    model.compile(loss="mean_squared_error", optimizer=keras.optimizers.SGD(0.1))
    rates = [0.1, 0.01, 0.001]
    schedule = keras.callbacks.LearningRateScheduler(lambda epoch, lr: rates[epoch])
    model.fit(np.array([[2.0]], "float32"), np.array([[3.0]], "float32"), batch_size=1, epochs=3, verbose=0,
              callbacks=[schedule])
    return {"weights": [w.flatten().tolist() for w in model.get_weights()],
            "learning_rate": float(model.optimizer.learning_rate.numpy())}


def losses():
    x = np.array([[1, 0], [0, 2]], "float32")
    kernel = np.array([[1, 0, -1], [0, 1, 0]], "float32")
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(3, activation="softmax")])
    model.set_weights([kernel, np.zeros(3, "float32")])
    model.compile(loss="categorical_crossentropy", optimizer="sgd", metrics=["accuracy"])
    cce = model.evaluate(x, np.array([[1, 0, 0], [0, 0, 1]], "float32"), verbose=0, return_dict=True)
    mse_model = keras.Sequential([keras.Input((3, 2)), keras.layers.Dense(2)])
    mse_model.set_weights([np.array([[1, 2], [3, 4]], "float32"), np.array([10, 20], "float32")])
    mse_model.compile(loss="mse", optimizer="sgd")
    xs = np.array([1, 0, 0, 1, 1, 1, 2, 0, 0, 2, -1, -1], "float32").reshape(2, 3, 2)
    ys = np.array([10, 20, 13, 25, 14, 26, 12, 20, 16, 28, 0, 14], "float32").reshape(2, 3, 2)
    mse = mse_model.evaluate(xs, ys, verbose=0, return_dict=True)
    return {"categorical_crossentropy": cce, "mean_squared_error": mse}


print(json.dumps({"keras": keras.__version__, "batch_normalization": batch_normalization(),
                  "rmsprop": rmsprop(), "learning_rate_schedule": learning_rate_schedule(),
                  "losses": losses()}))
