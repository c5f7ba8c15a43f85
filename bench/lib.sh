# Shared by the bench scripts: build if needed, a local-oss on loopback in a temporary folder,
# a settings file and made-up keys for it, and the statistics of a list of numbers.
# Nothing here reaches beyond 127.0.0.1.

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
java_bin=${JAVA:-java}
agent_jar=$root/agent/target/oss-agent.jar
trainer_jar=$root/demo-trainer/target/demo-trainer.jar
local_oss_jar=$root/local-oss/target/local-oss.jar

build_if_needed() {
  if [[ ! -f $agent_jar || ! -f $trainer_jar || ! -f $local_oss_jar ]]; then
    echo "== building (mvn -B -q -DskipTests -pl agent -am package)" >&2
    (cd "$root" && mvn -B -q -DskipTests -pl agent -am package)
  fi
}

work=$(mktemp -d "${TMPDIR:-/tmp}/oss-agent-bench.XXXXXX")
server_pid=""
cleanup() {
  if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Starts local-oss with the two buckets of the example settings; writes $work/oss-agent.properties
# (target class $1) and $work/AccessKey.csv.
start_local_oss() {
  local target_class=$1 key_id=LTAI-BENCHKEYID01 secret=bench-secret-$RANDOM$RANDOM
  # Keys by environment, not the command line (which shows in ps).
  LOCAL_OSS_KEYS="$key_id:$secret" "$java_bin" -jar "$local_oss_jar" --port 0 --root "$work/oss" \
    --bucket hktech-agent-models --bucket cloud-training --port-file "$work/port" >"$work/local-oss.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do [[ -s $work/port ]] && break; sleep 0.1; done
  [[ -s $work/port ]] || { echo "local-oss did not start:" >&2; cat "$work/local-oss.log" >&2; exit 1; }
  printf 'AccessKey ID,AccessKey Secret\n%s,%s\n' "$key_id" "$secret" >"$work/AccessKey.csv"
  chmod 600 "$work/AccessKey.csv"
  cat >"$work/oss-agent.properties" <<PROPS
ossagent.target.class=$target_class
ossagent.endpoint=http://127.0.0.1:$(cat "$work/port")
ossagent.region=cn-beijing
ossagent.model.bucket=hktech-agent-models
ossagent.model.files=models/rssm_model.pt,models/scaler.pkl
ossagent.data.bucket=cloud-training
ossagent.data.files=training_episodes.json
ossagent.state.dir=$work/state
ossagent.skip-unchanged=false
PROPS
}

# A named local-oss with one bucket ($bucket) and made-up keys ($key_id, $secret): start_server NAME [OPTIONS...]
# sets endpoint[NAME] and pid[NAME] (the caller declares both: declare -A endpoint pid); its storage is $work/oss-NAME.
key_id=LTAI-BENCHKEYID01
secret=bench-secret-$RANDOM$RANDOM
bucket=hktech-agent-models
start_server() {
  local name=$1; shift
  LOCAL_OSS_KEYS="$key_id:$secret" "$java_bin" -jar "$local_oss_jar" --port 0 --root "$work/oss-$name" --bucket "$bucket" \
    --port-file "$work/port-$name" "$@" >"$work/local-oss-$name.log" 2>&1 &
  pid[$name]=$!
  for _ in $(seq 1 100); do [[ -s $work/port-$name ]] && break; sleep 0.1; done
  endpoint[$name]="http://127.0.0.1:$(cat "$work/port-$name")"
}

# Reads numbers, one a line; prints "median min max" (median of an even count: the mean of the two middle ones).
stats() {
  sort -n | awk '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%s %s %s\n", m, v[1], v[NR] }'
}

machine() {
  echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/Mem:/ {print $2}') GB," \
    "load average $(cut -d' ' -f1-3 /proc/loadavg) before the runs"
  echo "java: $("$java_bin" -version 2>&1 | head -1)"
}
