#!/usr/bin/env bash
# Issue #4's kmeans_* speed target as a same-minutes ratio: ROUNDS times in turn, a fresh JVM runs
# our Prioritize METHOD three times (EvaluatorTimes, 2 threads, -Xmx1g), then scikit-learn runs
# DataEval's kmeans_* core twice (bench/prioritize_kmeans_sklearn.py, 2 threads). Prints every
# time, then the medians of our first runs (JIT warm-up included), of our warm runs and of
# scikit-learn's, and the ratio of the last two.
# Usage: bench/kmeans-ratio.sh [DATA_DIR [ROUNDS [METHOD]]]   (from the repository root; defaults
# ../shared/data/inputs, 5, kmeans_distance; see BENCHMARKS.md)
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(cd "${1:-../shared/data/inputs}" && pwd)
rounds=${2:-5}
method=${3:-kmeans_distance}
jar=bench/target/benchmarks.jar
if [ ! -f "$jar" ]; then
  mvn -q -B package -DskipTests -Dquality.skip=true -pl bench -am
fi
log=$(mktemp "${TMPDIR:-/tmp}/kmeans-ratio.XXXXXX")
trap 'rm -f "$log"' EXIT
for round in $(seq "$rounds"); do
  echo "round $round ($(date -u +%H:%M:%S) UTC)"
  java --add-modules jdk.incubator.vector -Xmx1g -Ddataeval4j.data="$data" -cp "$jar" \
    org.dataeval4j.bench.EvaluatorTimes 2 3 "$method" 2> >(grep -v 'Using incubator modules' >&2) \
    | tee -a "$log"
  /usr/bin/python3 bench/prioritize_kmeans_sklearn.py "$data" 2 2 | grep '^run' \
    | sed 's/^/scikit-learn /' | tee -a "$log"
done
awk -v method="$method" '
  function median(a, n,   i, j, t) {
    for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  $1 == method && $3 == 1 { first[++nf] = $4 }
  $1 == method && $3 > 1 { warm[++nw] = $4 }
  $1 == "scikit-learn" { sub(/,/, "", $4); sk[++ns] = $4 }
  END {
    if (nw == 0 || ns == 0) { print "kmeans-ratio: no times to compare" > "/dev/stderr"; exit 1 }
    printf "%s: first runs median %.2f s (%d), warm runs median %.2f s (%d)\n", method, median(first, nf), nf, median(warm, nw), nw
    printf "scikit-learn (DataEval core): median %.2f s (%d)\n", median(sk, ns), ns
    printf "ratio of medians, scikit-learn / ours warm: %.2fx\n", median(sk, ns) / median(warm, nw)
  }' "$log"
