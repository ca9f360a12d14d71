#!/usr/bin/python3
"""DataEval's kmeans_distance / kmeans_complexity core with scikit-learn, for a same-run ratio.

Usage: /usr/bin/python3 bench/prioritize_kmeans_sklearn.py [DATA_DIR] [THREADS] [REPEATS]
Times what DataEval's Prioritize does before ranking: scale the 60,000 x 50 embeddings by their
largest norm, fit KMeans(n_clusters=floor(sqrt(n)), k-means++, n_init 1, lloyd, tol 1e-4,
random_state 0) and take each sample's distance to its centre. Uses Debian's python3-sklearn.
"""
import math
import os
import statistics
import sys
import time

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from threadpoolctl import threadpool_limits

data_dir = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/inputs"
threads = int(sys.argv[2]) if len(sys.argv) > 2 else 2
repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
x = np.load(os.path.join(data_dir, "fmnist_pca50_train.npy"))
print(f"scikit-learn {sklearn.__version__}, x {x.shape} {x.dtype}, {threads} threads")
c = int(math.floor(math.sqrt(len(x))))
with threadpool_limits(limits=threads):
    times = []
    for r in range(repeats):
        t0 = time.perf_counter()
        xn = x / max(np.linalg.norm(x, axis=1).max(), 1e-12)
        km = KMeans(n_clusters=c, init="k-means++", n_init=1, algorithm="lloyd",
                    max_iter=300, tol=1e-4, random_state=0).fit(xn)
        dist = np.linalg.norm(xn - km.cluster_centers_[km.labels_], axis=1)
        order = np.argsort(dist, kind="stable")
        times.append(time.perf_counter() - t0)
        print(f"run {r + 1}: {times[-1]:.2f} s, n_iter {km.n_iter_}")
    print(f"kmeans c={c}: min {min(times):.2f} s, median {statistics.median(times):.2f} s")
