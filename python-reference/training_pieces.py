"""The training pieces of pieces.txt (kinds loss, optimizer, metric), for layer_reference.py.

Each builds Dense(UNITS, ACTIVATION) on the piece's input (fixed weights uniform in [-0.5, 0.5]) and returns
(y, weights, forward, grads, keras), where keras holds what Keras itself reports (metric names, History keys):

  loss       forward: the loss's value on the batch (reduction sum_over_batch_size); grads: its gradients
  optimizer  sparse categorical cross-entropy, STEPS train_on_batch steps: forward = the weights' change
  metric     forward: the metric's value from evaluate(); keras: evaluate's keys and the History keys of one
             epoch of fit with validation data, as Keras names them, and that epoch's values (SGD with learning
             rate 0, so the weights stay: every number is the metric or loss over several batches)
  loss with batch_size: keras also holds the History of one such epoch (the loss over several batches)

Config keys: loss (a Keras loss name, default sparse_categorical_crossentropy) with from_logits, label_smoothing,
delta; activation, units (default 3); targets: labels (class indices), onehot, binary (0/1), soft ([0, 1]) or
real ([-2, 2]), positive ([0, 3]) or plusminus (-1/1); target_dtype (int32 or float32); optimizer: name and
Keras's arguments; metric: a metric name, or a keras.metrics class name with metric_args (its keyword arguments);
batch_size: the batch size of evaluate and fit (default: the whole batch in one); samples: see layer_reference.py.
"""

import numpy as np

KINDS = ("loss", "optimizer", "metric")
LABEL_CLASSES = 3
LOSS_ARGUMENTS = ("from_logits", "label_smoothing", "delta")
NOT_OPTIMIZER_ARGUMENTS = ("name", "steps")
OPTIMIZERS = {"sgd": "SGD", "adam": "Adam", "adamw": "AdamW", "rmsprop": "RMSprop", "adagrad": "Adagrad", "nadam": "Nadam"}
LOSSES = {"sparse_categorical_crossentropy": "SparseCategoricalCrossentropy",
          "categorical_crossentropy": "CategoricalCrossentropy", "binary_crossentropy": "BinaryCrossentropy",
          "mean_squared_error": "MeanSquaredError", "mean_absolute_error": "MeanAbsoluteError", "huber": "Huber",
          "log_cosh": "LogCosh", "hinge": "Hinge", "squared_hinge": "SquaredHinge", "categorical_hinge": "CategoricalHinge",
          "kl_divergence": "KLDivergence", "poisson": "Poisson", "mean_squared_logarithmic_error": "MeanSquaredLogarithmicError",
          "mean_absolute_percentage_error": "MeanAbsolutePercentageError", "cosine_similarity": "CosineSimilarity"}


def loss_of(keras, config):
    """The loss object with the config's arguments (Keras's defaults for the rest)."""
    name = config.get("loss", "sparse_categorical_crossentropy")
    if name not in LOSSES:
        raise SystemExit("unknown loss %r: add it to training_pieces.LOSSES and to the Java TrainingPieces" % name)
    kwargs = {k: config[k] for k in LOSS_ARGUMENTS if k in config}
    return getattr(keras.losses, LOSSES[name])(**kwargs)


def optimizer_of(keras, config):
    name = config["name"]
    if name not in OPTIMIZERS:
        raise SystemExit("unknown optimizer %r: add it to training_pieces.OPTIMIZERS and to the Java TrainingPieces" % name)
    kwargs = {k: v for k, v in config.items() if k not in NOT_OPTIMIZER_ARGUMENTS}
    return getattr(keras.optimizers, OPTIMIZERS[name])(**kwargs)


def targets(config, labels, output_shape, rng):
    """The batch's targets for the config, shaped like the model's output unless they are class indices."""
    kind = config.get("targets", "labels")
    units = output_shape[-1]
    # layer_reference.py draws labels in 0..2; another number of units draws its own
    classes = labels if units == LABEL_CLASSES else rng.integers(0, units, output_shape[0])
    if kind == "labels":
        y = classes
    elif kind == "onehot":
        y = np.eye(units)[classes]
    elif kind == "binary":
        y = rng.integers(0, 2, output_shape)
    elif kind == "soft":
        y = rng.uniform(0, 1, output_shape)
    elif kind == "real":
        y = rng.uniform(-2, 2, output_shape)
    elif kind == "positive":
        y = rng.uniform(0, 3, output_shape)
    elif kind == "plusminus":
        y = 2 * rng.integers(0, 2, output_shape) - 1
    else:
        raise SystemExit("unknown targets %r (expected labels, onehot, binary, soft, real, positive or plusminus)" % kind)
    dtype = config.get("target_dtype", "int32" if kind == "labels" else "float32")
    if dtype == "int32" and output_shape[-1] == 1 and kind != "labels":
        y = y.reshape(output_shape[0])   # Keras takes [batch] integer targets for one output unit
    return y.astype(dtype)


def reference(tf, keras, kind, config, x, labels, rng, gradients, set_random_weights):
    input_shape = list(x.shape[1:])
    units = config.get("units", 3)
    model = keras.Sequential([keras.Input(shape=input_shape),
                              keras.layers.Dense(units, activation=config.get("activation", "softmax"))])
    weights = set_random_weights(model, rng)
    output_shape = [x.shape[0]] + input_shape[:-1] + [units]
    y = targets(config, labels, output_shape, rng)
    loss = loss_of(keras, config)
    keras_reports = {}
    grads = None
    batch_size = config.get("batch_size", len(x))
    if kind == "loss":
        value, grads = gradients(tf, keras, model, loss, x, y)
        forward = np.array([value], dtype=np.float32)
        if "batch_size" in config:
            model.compile(optimizer=keras.optimizers.SGD(0.0), loss=loss)
            history = model.fit(x, y, batch_size=batch_size, epochs=1, shuffle=False, verbose=0)
            keras_reports = {"history": {k: float(v[0]) for k, v in history.history.items()}}
    elif kind == "optimizer":
        _, grads = gradients(tf, keras, model, loss, x, y)
        model.compile(optimizer=optimizer_of(keras, config), loss=loss)
        for _ in range(config["steps"]):
            model.train_on_batch(x, y)
        forward = np.concatenate([(a - b).ravel() for a, b in zip(model.get_weights(), weights)])
    else:
        name = config["metric"]
        # an explicit name: Keras numbers a second unnamed AUC of the process auc_1
        args = {"name": keras.src.utils.naming.to_snake_case(name), **config.get("metric_args", {})}
        metric = getattr(keras.metrics, name)(**args) if "metric_args" in config else name
        model.compile(optimizer=keras.optimizers.SGD(0.0), loss=loss, metrics=[metric])
        results = model.evaluate(x, y, batch_size=batch_size, verbose=0, return_dict=True)
        key = [k for k in results if k != "loss"][0]
        forward = np.array([np.asarray(results[key]).ravel()[0]], dtype=np.float32)
        history = model.fit(x, y, batch_size=batch_size, epochs=1, shuffle=False, verbose=0, validation_data=(x, y))
        keras_reports = {"evaluate_keys": list(results), "history_keys": list(history.history),
                         "history": {k: float(np.asarray(v[0]).ravel()[0]) for k, v in history.history.items()}}
    return y, weights, forward, grads, keras_reports
