#!/usr/bin/env python3
"""Builds examples/digits_audit/ from examples/digits64.npy: the handwritten digits with a few
planted problems, so that `./dataeval4j audit` has something to find and the report something
to show. Deterministic (fixed rules, a fixed seed); needs only numpy. Run from the repository
root: python3 examples/make_digits_audit.py

What is planted (also written to examples/digits_audit/PLANTED.json):
- near-duplicates: for each class 0, 2, 4, 6, 8, the densest clean sample of that class (see
  `clean_dense`) is copied, plus Gaussian noise of standard deviation 0.05 (pixel values are
  0..16), and appended as a new row after the 1,797 originals; the copy gets the original's label.
  Both lie well inside a cluster (dense, all 10 nearest neighbours of the same class), not noise.
- flipped labels: for each class 1, 3, 5, 7, 9, 0, 2, 4 (eight samples) the next clean dense
  sample of that class gets the label (class + 5) mod 10.

Files: embeddings.npy (float32, n x 64: the 8x8 pixels, the embedding of this example),
labels.npy (int64, n), images.npy (uint8, n x 8 x 8: pixels scaled 0..255), PLANTED.json.
"""
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "digits_audit")
NOISE = 0.05
SEED = 20261126


def clean_dense(x, y):
    """Sample indices whose 10 nearest neighbours all share their class, densest first
    (by the distance to the 5th neighbour, ties by index)."""
    sq = (x * x).sum(1)
    d2 = np.maximum(sq[:, None] + sq[None, :] - 2.0 * x @ x.T, 0.0)
    np.fill_diagonal(d2, np.inf)
    order = np.argsort(d2, axis=1, kind="stable")[:, :10]
    pure = (y[order] == y[:, None]).all(axis=1)
    d5 = np.sqrt(np.take_along_axis(d2, order[:, 4:5], axis=1)[:, 0])
    idx = np.flatnonzero(pure)
    return idx[np.lexsort((idx, d5[idx]))]


def main():
    x = np.load(os.path.join(HERE, "digits64.npy")).astype(np.float64)
    y = np.load(os.path.join(HERE, "digits64_labels.npy")).astype(np.int64)
    ranked = clean_dense(x, y)
    by_class = {c: [int(i) for i in ranked if y[i] == c] for c in range(10)}

    dup_sources = [by_class[c][0] for c in (0, 2, 4, 6, 8)]
    rng = np.random.default_rng(SEED)
    copies = x[dup_sources] + rng.normal(0.0, NOISE, size=(len(dup_sources), x.shape[1]))
    copies = np.clip(copies, 0.0, 16.0)
    n0 = x.shape[0]
    dup_pairs = [[s, n0 + t] for t, s in enumerate(dup_sources)]

    flips = []
    used = {c: 1 for c in range(10)}  # the first of each class may be a duplicate source
    for c in (1, 3, 5, 7, 9, 0, 2, 4):
        i = by_class[c][used[c]]
        used[c] += 1
        flips.append({"index": i, "true_label": c, "given_label": (c + 5) % 10})

    emb = np.vstack([x, copies]).astype(np.float32)
    labels = np.concatenate([y, y[dup_sources]])
    for f in flips:
        labels[f["index"]] = f["given_label"]
    images = np.rint(emb.reshape(-1, 8, 8) * (255.0 / 16.0)).clip(0, 255).astype(np.uint8)

    os.makedirs(OUT, exist_ok=True)
    np.save(os.path.join(OUT, "embeddings.npy"), emb)
    np.save(os.path.join(OUT, "labels.npy"), labels)
    np.save(os.path.join(OUT, "images.npy"), images)
    planted = {
        "source": "examples/digits64.npy (scikit-learn's digits, 1797 x 64)",
        "n": int(emb.shape[0]),
        "near_duplicates": dup_pairs,
        "near_duplicate_noise_std": NOISE,
        "flipped_labels": flips,
        "seed": SEED,
    }
    with open(os.path.join(OUT, "PLANTED.json"), "w") as f:
        json.dump(planted, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
