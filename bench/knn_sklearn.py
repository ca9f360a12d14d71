#!/usr/bin/python3
"""scikit-learn's brute-force k-NN (DataEval's k-NN step) on the input of ClusterBenchmark.

Usage: /usr/bin/python3 bench/knn_sklearn.py [DATA_DIR] [THREADS] [N ...]
Debian's python3-sklearn (1.2.1, the version that produced the reference data); the pyenv
python3 on PATH has no scikit-learn. Prints one line per n: the best of 3 fits+queries, seconds.
DataEval calls NearestNeighbors(n_neighbors=k+1, algorithm="brute").fit(x).kneighbors(x).
"""
import os
import sys
import time

import numpy as np
from sklearn.neighbors import NearestNeighbors
from threadpoolctl import threadpool_limits

data_dir = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/inputs"
threads = int(sys.argv[2]) if len(sys.argv) > 2 else 2
sizes = [int(s) for s in sys.argv[3:]] or [5000, 20000, 60000]
x_all = np.load(os.path.join(data_dir, "fmnist_pca50_train.npy"))
with threadpool_limits(limits=threads):
    for n in sizes:
        x = x_all[:n]
        k = min(25, n - 1)
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            NearestNeighbors(n_neighbors=k + 1, algorithm="brute", n_jobs=threads).fit(x).kneighbors(x)
            best = min(best, time.perf_counter() - t0)
        print(f"sklearn knn n={n} threads={threads}: {best:.3f} s")
