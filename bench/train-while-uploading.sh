#!/usr/bin/env bash
# How much longer training takes while the agent uploads a big model in the same JVM. The demo trainer
# (bench/TrainWhileUploading.java) trains briefly and returns a model padded to PAD_MIB (default 1024); then it
# trains EPOCHS epochs, timed. With the agent (async, defaults), the upload of the first model runs during that
# second training. EPOCHS defaults to what takes about 20 s here without the agent (measured first). ROUNDS
# (default 3) interleaved runs with and without the agent; medians (min-max), and the agent's upload seconds.
# Extra agent settings go in AGENT_PROPS (e.g. AGENT_PROPS="ossagent.multipart.threads=1").
# Usage: bench/train-while-uploading.sh     (builds the jars if missing; JAVA=/path/bin/java picks another JDK)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
pad_mib=${PAD_MIB:-1024}
rounds=${ROUNDS:-3}
build_if_needed
start_local_oss dev.ossagent.demo.DemoTrainer
sed -i 's/^ossagent.model.files=.*/ossagent.model.files=${model}/; s/^ossagent.data.files=.*/ossagent.data.files=/' \
  "$work/oss-agent.properties"
[[ -n ${AGENT_PROPS:-} ]] && printf '%s\n' "$AGENT_PROPS" >>"$work/oss-agent.properties"
machine
run() { # with|without, epochs -> seconds of the second training
  local agent=()
  [[ $1 == with ]] && agent=("-javaagent:$agent_jar=$work/oss-agent.properties")
  rm -rf "$work/run" "$work/oss/hktech-agent-models" "$work/state"
  sync
  (cd "$work" && "$java_bin" "${agent[@]}" -cp "$trainer_jar" "$root/bench/TrainWhileUploading.java" "$work/run" \
    "$pad_mib" "$2" 2>"$work/agent.err")
}
epochs=${EPOCHS:-}
if [[ -z $epochs ]]; then
  s=$(run without 20)
  epochs=$(echo "20 * 20 / $s" | bc)
  [[ $epochs -ge 1 ]] || epochs=1
fi
echo "model $pad_mib MiB, second training $epochs epochs, $rounds rounds"
declare -a WITH WITHOUT UP
for _ in $(seq 1 "$rounds"); do
  WITHOUT+=("$(run without "$epochs")")
  WITH+=("$(run with "$epochs")")
  line=$(grep -E 'uploaded hktech-agent-models/models/rssm_model.pt \([0-9.]+ GiB' "$work/agent.err" | head -1 || true)
  [[ -n $line ]] || { echo "the big model was not uploaded:" >&2; tail "$work/agent.err" >&2; exit 1; }
  UP+=("$(sed -E 's/.*, ([0-9.]+) s, .*/\1/' <<<"$line")")
done
read -r wo wo_min wo_max <<<"$(printf '%s\n' "${WITHOUT[@]}" | stats)"
read -r wi wi_min wi_max <<<"$(printf '%s\n' "${WITH[@]}" | stats)"
read -r up up_min up_max <<<"$(printf '%s\n' "${UP[@]}" | stats)"
echo "training without the agent: $wo s ($wo_min-$wo_max)"
echo "training while uploading:   $wi s ($wi_min-$wi_max)   +$(echo "($wi / $wo - 1) * 100" | bc -l | xargs printf '%.0f')%"
echo "the $pad_mib MiB upload took $up s ($up_min-$up_max) (the agent's 'uploaded' line)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
