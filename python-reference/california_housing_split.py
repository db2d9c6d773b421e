"""The Keras course's California housing split, as the reference for KerasJ's CaliforniaHousing.notebookSplit().

Usage: california_housing_split.py CAL_HOUSING_DATA OUT.npz

Loads cal_housing.data exactly as scikit-learn's fetch_california_housing does after its download (np.loadtxt,
its column order, its derived features), then train_test_split(random_state=7), train_test_split(random_state=11)
and StandardScaler fitted on the training rows, and writes the float32 arrays (as Keras gets them) and the row
indices to OUT.npz. Without scikit-learn, reproduces train_test_split with numpy's RandomState permutation and the
scaler with numpy. Prints which reference was used, then the scaler's mean_ and scale_ (repr of float64).
"""
import sys

import numpy as np

data_file, out = sys.argv[1], sys.argv[2]

# sklearn/datasets/_california_housing.py, after extracting the archive:
cal_housing = np.loadtxt(data_file, delimiter=",")
columns_index = [8, 7, 2, 3, 4, 5, 6, 1, 0]
cal_housing = cal_housing[:, columns_index]
target, data = cal_housing[:, 0], cal_housing[:, 1:]
data[:, 2] /= data[:, 5]
data[:, 3] /= data[:, 5]
data[:, 5] = data[:, 4] / data[:, 5]
target = target / 100000.0

rows = np.arange(len(data))
try:
    import sklearn
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import StandardScaler

    reference = "scikit-learn " + sklearn.__version__
    X_train_full, X_test, y_train_full, y_test, r_train_full, r_test = train_test_split(
        data, target, rows, random_state=7)
    X_train, X_valid, y_train, y_valid, r_train, r_valid = train_test_split(
        X_train_full, y_train_full, r_train_full, random_state=11)
    scaler = StandardScaler()
    X_train = scaler.fit_transform(X_train)
    X_valid = scaler.transform(X_valid)
    X_test = scaler.transform(X_test)
    mean, scale = scaler.mean_, scaler.scale_
except ImportError:
    reference = "numpy " + np.__version__ + " (no scikit-learn)"

    def split(n, seed):
        n_test = int(np.ceil(0.25 * n))
        p = np.random.RandomState(seed).permutation(n)
        return p[n_test:], p[:n_test]

    tr, te = split(len(data), 7)
    r_train_full, r_test = rows[tr], rows[te]
    tr2, va = split(len(r_train_full), 11)
    r_train, r_valid = r_train_full[tr2], r_train_full[va]
    X_train, X_valid, X_test = data[r_train], data[r_valid], data[r_test]
    y_train, y_valid, y_test = target[r_train], target[r_valid], target[r_test]
    mean = X_train.mean(axis=0)
    scale = X_train.std(axis=0)
    X_train, X_valid, X_test = [(x - mean) / scale for x in (X_train, X_valid, X_test)]

np.savez(out,
         x_train=X_train.astype(np.float32), y_train=y_train.astype(np.float32), rows_train=r_train.astype(np.int32),
         x_valid=X_valid.astype(np.float32), y_valid=y_valid.astype(np.float32), rows_valid=r_valid.astype(np.int32),
         x_test=X_test.astype(np.float32), y_test=y_test.astype(np.float32), rows_test=r_test.astype(np.int32))
print(reference)
print(",".join(repr(float(v)) for v in mean))
print(",".join(repr(float(v)) for v in scale))
