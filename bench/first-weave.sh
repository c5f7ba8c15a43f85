#!/usr/bin/env bash
# Where Byte Buddy's first weave of the demo trainer spends its time, and what each of the weaver's
# measures gains: FirstWeave.java, compiled against the shaded agent jar, weaves the demo trainer with
# TrainAdvice in a fresh JVM for each set of knobs, ROUNDS times (default 7), interleaved; prints each
# run (CPU time of the weaving thread and classes loaded, per phase, then for a second, warm weave) and
# the median CPU time of the first weave for each set.
# Usage: bench/first-weave.sh      JAVA=/path/to/java ROUNDS=15 bench/first-weave.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh"
build_if_needed
machine
rounds=${ROUNDS:-7}
javac_bin=$(dirname "$(readlink -f "$(command -v "$java_bin")")")/javac
"$javac_bin" --release 11 -cp "$agent_jar" -d "$work/classes" "$root/bench/FirstWeave.java"
sets=(redefine decorate decorate,novalidation,declared decorate,novalidation,declared,lazyfast
  decorate,novalidation,declared,lazyfast,advicepool direct,lazyfast)
for ((i = 1; i <= rounds; i++)); do
  for set in "${sets[@]}"; do
    "$java_bin" -cp "$work/classes:$agent_jar:$trainer_jar" dev.ossagent.instrument.FirstWeave "$set" | tee -a "$work/runs"
  done
done
echo
echo "median CPU time of the first weave, ms (classes loaded):"
for set in "${sets[@]}"; do
  read -r median _ _ < <(grep "^$set " "$work/runs" | sed 's/.*cpu *\([0-9]*\) ms.*/\1/' | stats)
  loaded=$(grep -m1 "^$set " "$work/runs" | sed 's/.*ms, *\([0-9]*\) classes.*/\1/')
  printf '  %-50s %5s (%s)\n' "$set" "$median" "$loaded"
done
