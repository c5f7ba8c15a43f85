#!/usr/bin/env bash
# How much later does train(...) return with the agent, in async mode (the default)? A small trainer
# (bench/TrainLatency.java) calls train CALLS times (default 200), 10 ms apart, each returning the
# path of the demo trainer's model, and times each call in-process with System.nanoTime. Every call
# really queues an upload of the three files to a local-oss on loopback, which runs beside the
# trainer. Prints the first call (cold: the agent's upload side loads then) and the median, p90, min
# and max of the others, in microseconds, without and with the agent, and the difference.
# Usage: bench/train-latency.sh [CALLS]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
calls=${1:-${CALLS:-200}}
build_if_needed
start_local_oss 'TrainLatency$Trainer'
machine

"$java_bin" -jar "$trainer_jar" --data-dir "$work" --epochs 2 >/dev/null
mkdir -p "$work/classes"
javac -d "$work/classes" "$root/bench/TrainLatency.java"
model=$work/models/rssm_model.pt

cd "$work"
"$java_bin" -cp "$work/classes" TrainLatency "$model" "$calls" 10 >"$work/plain.txt"
# The JVM exits once every queued upload is done.
"$java_bin" "-javaagent:$agent_jar=$work/oss-agent.properties" -cp "$work/classes" \
  TrainLatency "$model" "$calls" 10 >"$work/agent.txt" 2>"$work/agent-err.txt"
read -r -a plain <"$work/plain.txt"
read -r -a agent <"$work/agent.txt"
uploaded=$(grep -c "uploaded cloud-training/training-data/training_episodes.json" "$work/agent-err.txt" || true)
[[ $uploaded -ge 1 ]] || { echo "no upload happened:" >&2; tail -20 "$work/agent-err.txt" >&2; exit 1; }

echo
echo "train() return time, async mode, $calls calls 10 ms apart ($uploaded uploads done), microseconds"
printf '| %-20s | %10s | %8s | %8s | %8s | %8s |\n' "" "first call" median p90 min max
printf '|%s|%s|%s|%s|%s|%s|\n' "----------------------" "------------" "----------" "----------" "----------" "----------"
printf '| %-20s | %10s | %8s | %8s | %8s | %8s |\n' "no agent" "${plain[@]}"
printf '| %-20s | %10s | %8s | %8s | %8s | %8s |\n' "with the agent" "${agent[@]}"
printf '| %-20s | %10s | %8s | %8s |          |          |\n' "added by the agent" \
  "$(awk -v a="${agent[0]}" -v b="${plain[0]}" 'BEGIN { printf "%.1f", a - b }')" \
  "$(awk -v a="${agent[1]}" -v b="${plain[1]}" 'BEGIN { printf "%.1f", a - b }')" \
  "$(awk -v a="${agent[2]}" -v b="${plain[2]}" 'BEGIN { printf "%.1f", a - b }')"
