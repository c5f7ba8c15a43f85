#!/usr/bin/env bash
# Seconds from a preemption notice to the newest checkpoint verified in OSS, with the feature (ossagent.preemption=auto)
# and without it (off), side by side. A trainer (the PreemptionIT fixture) saves a SIZE_MIB checkpoint to one path,
# GAP_MS later (its upload under way: a backlog) twice more 300 ms apart, then stops saving; then the ECS spot notice
# comes from local-oss's fake metadata service (PUT /admin/spot/termination-time, due in 5 minutes, so the deadline
# does not cut either mode short). "Verified" here: the object local-oss stores equals the file byte for byte.
# All bodies are capped at CAP (default 100MB = 10^8 bytes/s) together. Goal with the feature: at most
# size / cap + 2 s.
# Usage: SIZES="256 1024" bench/preemption.sh   (default SIZES=256; builds the jars and test classes if missing)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
sizes=${SIZES:-256}
cap=${CAP:-100MB}
gap_ms=${GAP_MS:-2000}
classes=$root/agent/target/test-classes
build_if_needed
if [[ ! -f $classes/dev/ossagent/it/fixture/SpotTrainerMain.class ]]; then
  (cd "$root" && mvn -B -q -o -pl agent -am test-compile)
fi

key_id=made-up-bench-key-01
secret=bench-secret-$RANDOM$RANDOM
LOCAL_OSS_KEYS="$key_id:$secret" "$java_bin" -jar "$local_oss_jar" --port 0 --root "$work/oss" \
  --bucket hktech-agent-models --max-bandwidth "$cap" --ecs-metadata-port 0 --port-file "$work/port" \
  >"$work/local-oss.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do [[ -s $work/port ]] && grep -q "fake ECS metadata on" "$work/local-oss.log" && break; sleep 0.1; done
metadata=$(grep -o 'fake ECS metadata on http://[0-9.:]*' "$work/local-oss.log" | awk '{print $5}')
printf 'AccessKey ID,AccessKey Secret\n%s,%s\n' "$key_id" "$secret" >"$work/AccessKey.csv"
chmod 600 "$work/AccessKey.csv"

settings() { # mode
  cat >"$work/oss-agent.properties" <<PROPS
ossagent.target.class=dev.ossagent.it.fixture.SpotTrainer
ossagent.target.method=checkpoint
ossagent.endpoint=http://127.0.0.1:$(cat "$work/port")
ossagent.region=cn-beijing
ossagent.model.bucket=hktech-agent-models
ossagent.model.files=\${model}
ossagent.data.files=
ossagent.state.dir=$work/state
ossagent.skip-unchanged=false
ossagent.exit.timeout=10m
ossagent.preemption=$1
ossagent.preemption.poll=500ms
ossagent.credentials.ecs-metadata-endpoint=$metadata
PROPS
}

now() { date +%s.%N; }

run() { # size mode -> seconds from the notice to the newest checkpoint stored
  local size=$1 mode=$2 out=$work/out-$1-$2 pid start stored
  settings "$mode"
  curl -s -X DELETE "$metadata/admin/spot/termination-time" >/dev/null
  rm -rf "$work/oss/hktech-agent-models/models" "$work/state"
  ALIBABA_CLOUD_ECS_METADATA_DISABLED=false "$java_bin" -javaagent:"$agent_jar=$work/oss-agent.properties" \
    -cp "$classes" dev.ossagent.it.fixture.SpotTrainerMain "$out" "$size" 3 300 "$gap_ms" \
    >"$work/trainer.out" 2>"$work/trainer-$size-$mode.err" &
  pid=$!
  until grep -q "done saving" "$work/trainer.out"; do sleep 0.05; done
  start=$(now)
  curl -s -X PUT --data "$(date -u -d '+5 min' +%Y-%m-%dT%H:%M:%SZ)" "$metadata/admin/spot/termination-time" >/dev/null
  stored=$work/oss/hktech-agent-models/models/checkpoint.bin
  until [[ -f $stored ]] && cmp -s "$stored" "$out/checkpoint.bin"; do sleep 0.1; done
  echo "$(now) - $start" | bc
  kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
}

machine
echo "uptime: $(uptime)"
echo "cap $cap/s; backlog: save 1, then ${gap_ms} ms later saves 2 and 3 (300 ms apart); notice after save 3"
printf '%-10s %-22s %-22s %s\n' "size" "with (auto), s" "without (off), s" "goal: size/cap + 2 s"
for size in $sizes; do
  with=$(run "$size" auto)
  without=$(run "$size" off)
  goal=$(echo "$size * 1048576 / $(echo "$cap" | sed 's/MB$/*1000000/' | bc) + 2" | bc -l)
  printf '%-10s %-22.2f %-22.2f %.2f\n' "$size MiB" "$with" "$without" "$goal"
done

# What the watcher costs where there is no metadata service: the small trainer (load the target, one 1 MiB save,
# exit after its upload) with ossagent.preemption=off and =auto against a closed port, ROUNDS (default 5) interleaved.
rounds=${ROUNDS:-5}
quick() { # mode -> wall seconds
  local start
  settings "$1"
  sed -i 's|^ossagent.credentials.ecs-metadata-endpoint=.*|ossagent.credentials.ecs-metadata-endpoint=http://127.0.0.1:1|' \
    "$work/oss-agent.properties"
  rm -rf "$work/quick"
  start=$(now)
  ALIBABA_CLOUD_ECS_METADATA_DISABLED=false "$java_bin" -javaagent:"$agent_jar=$work/oss-agent.properties" \
    -cp "$classes" dev.ossagent.it.fixture.SpotTrainerMain "$work/quick" resume >/dev/null 2>"$work/quick-$1.err"
  echo "$(now) - $start" | bc
}
: >"$work/off.txt"; : >"$work/auto.txt"
for _ in $(seq 1 "$rounds"); do
  quick off >>"$work/off.txt"
  quick auto >>"$work/auto.txt"
done
read -r off_med off_min off_max < <(stats <"$work/off.txt")
read -r auto_med auto_min auto_max < <(stats <"$work/auto.txt")
printf 'no metadata service, JVM start to exit (%s rounds): off %.2f s (%.2f-%.2f), auto %.2f s (%.2f-%.2f)\n' \
  "$rounds" "$off_med" "$off_min" "$off_max" "$auto_med" "$auto_min" "$auto_max"
echo "uptime after: $(uptime)"
