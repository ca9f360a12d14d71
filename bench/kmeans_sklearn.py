#!/usr/bin/python3
"""scikit-learn's KMeans on the input of KMeansBenchmark, for comparison (one thread).

Usage: /usr/bin/python3 bench/kmeans_sklearn.py [DATA_DIR] [REPEATS]
  DATA_DIR defaults to ../shared/data/inputs (holds fmnist_pca50_train.npy).
Uses Debian's python3-sklearn (the pyenv python3 on PATH has no scikit-learn).
Prints, per k, the fit times in seconds (min and median of REPEATS runs after one warm-up),
the inertia and the number of Lloyd iterations. Settings mirror DataEval's cluster(kmeans):
init k-means++, n_init 1 ("auto"), algorithm lloyd, max_iter 300, tol 1e-4, random_state 0.
"""
import os
import statistics
import sys
import time

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from threadpoolctl import threadpool_limits

data_dir = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/inputs"
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
x = np.load(os.path.join(data_dir, "fmnist_pca50_train.npy"))
print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}, x {x.shape} {x.dtype}")
with threadpool_limits(limits=1):
    for k in (10, 245):
        times = []
        for r in range(repeats + 1):
            km = KMeans(n_clusters=k, init="k-means++", n_init=1, algorithm="lloyd",
                        max_iter=300, tol=1e-4, random_state=0)
            t0 = time.perf_counter()
            km.fit(x)
            t = time.perf_counter() - t0
            if r > 0:
                times.append(t)
        print(f"k={k}: fit min {min(times):.3f} s, median {statistics.median(times):.3f} s "
              f"(n={repeats}), inertia {km.inertia_:.6g}, n_iter {km.n_iter_}")
