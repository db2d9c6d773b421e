"""Keras Tuner's RandomSearch on the course's California-housing search, re-implemented in plain Keras.

Usage: random_search_reference.py DATA_DIR TRIALS EPOCHS SEED TRAIN_ROWS VALID_ROWS OUT.json

keras-tuner cannot be installed here (the local package index lacks it), so this follows its source instead:
RandomSearchOracle._random_values draws each hyperparameter, in the order the model-building function declares it,
as hp.random_sample(seed_state) = prob_to_value(random.Random(seed_state).random()), seed_state counting up from the
seed over every draw, and draws again a set of values already tried (at most 20 times). Int without a step samples
int(min + p * (max + 1 - min)); Float with log sampling min * (max / min) ** p. A trial's score is its best val_loss
over the epochs (Oracle.score_trial: trial.metrics.get_best_value). The model is the course's: n_hidden Dense(relu)
layers of n_neurons units, Dense(1), SGD(learning_rate), mean squared error, batch 32, on the first TRAIN_ROWS
training rows and the first VALID_ROWS validation rows of the course's scaled split.

Writes {"trials": [{"hyperparameters": {...}, "score": val_mse}, ...]} to OUT.json.
"""
import json
import math
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from regression_notebooks import notebook_split  # noqa: E402

SPACE = (  # name, kind, min, max, sampling: the course's search
    ("n_hidden", "int", 1, 5, "linear"),
    ("n_neurons", "int", 1, 100, "linear"),
    ("learning_rate", "float", 1e-4, 1e-2, "log"),
)


def prob_to_value(kind, lo, hi, sampling, prob):
    if kind == "int":  # Int.prob_to_value with step None: _sample_numerical_value(prob, max_value + 1)
        hi = hi + 1
    value = prob * (hi - lo) + lo if sampling == "linear" else lo * math.pow(hi / lo, prob)
    return int(value) if kind == "int" else value


def plan(seed, trials):
    seed_state, tried, out = seed, set(), []
    while len(out) < trials:
        for _ in range(21):
            values = {}
            for name, kind, lo, hi, sampling in SPACE:
                values[name] = prob_to_value(kind, lo, hi, sampling, random.Random(seed_state).random())
                seed_state += 1
            key = "".join(f"{k}={values[k]}" for k in sorted(values))
            if key not in tried:
                tried.add(key)
                out.append(values)
                break
        else:
            break
    return out


def main():
    data_dir, trials, epochs, seed, train_rows, valid_rows, out = sys.argv[1:8]
    import keras

    data = notebook_split(data_dir)
    x_train, y_train = (a[: int(train_rows)] for a in data["train"])
    x_valid, y_valid = (a[: int(valid_rows)] for a in data["valid"])
    results = []
    for i, values in enumerate(plan(int(seed), int(trials))):
        keras.utils.set_random_seed(int(seed) * 1000 + i)
        model = keras.Sequential([keras.Input((8,))] + [keras.layers.Dense(values["n_neurons"], activation="relu")
                                                       for _ in range(values["n_hidden"])] + [keras.layers.Dense(1)])
        model.compile(loss="mse", optimizer=keras.optimizers.SGD(learning_rate=values["learning_rate"]))
        history = model.fit(x_train, y_train, epochs=int(epochs), batch_size=32, validation_data=(x_valid, y_valid),
                            verbose=0)
        finite = [v for v in history.history["val_loss"] if math.isfinite(v)]
        results.append({"hyperparameters": values, "score": min(finite) if finite else None})
    with open(out, "w") as f:
        json.dump({"trials": results}, f)


if __name__ == "__main__":
    main()
