"""Prints numpy.random.RandomState(seed).permutation(n) for each SEED:N argument, one comma-separated line each.

The reference for KerasJ's NumpyRandomState (scikit-learn's train_test_split shuffles with it).
"""
import sys

import numpy as np

for arg in sys.argv[1:]:
    seed, n = (int(v) for v in arg.split(":"))
    print(",".join(str(int(v)) for v in np.random.RandomState(seed).permutation(n)))
