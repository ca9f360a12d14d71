#!/usr/bin/env bash
# Times our k-NN step and cluster() (JMH) and scikit-learn's brute-force k-NN in the same run.
# Usage: bench/run-knn-comparison.sh [DATA_DIR]   (from the repository root; see BENCHMARKS.md)
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(cd "${1:-../shared/data/inputs}" && pwd)
mvn -q -B package -DskipTests -Dquality.skip=true -pl bench -am
java -Ddataeval4j.data="$data" -jar bench/target/benchmarks.jar ClusterBenchmark \
  -jvmArgsAppend "-Ddataeval4j.data=$data" -rf text -rff bench/target/cluster-jmh.txt
/usr/bin/python3 bench/knn_sklearn.py "$data" 2
