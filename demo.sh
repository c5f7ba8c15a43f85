#!/usr/bin/env bash
# The main job, end to end on loopback: build if needed, start local-oss with made-up keys in a
# temporary folder, run the demo trainer under the agent with the shipped example settings, show
# what arrived (sizes and checksums next to the local files'), stop the server.
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD

if [[ ! -f agent/target/oss-agent.jar || ! -f demo-trainer/target/demo-trainer.jar || ! -f local-oss/target/local-oss.jar ]]; then
  echo "== building (mvn -B -q -DskipTests -pl agent -am package)"
  mvn -B -q -DskipTests -pl agent -am package
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/oss-agent-demo.XXXXXX")
server_pid=""
cleanup() {
  # The server dies of the TERM it is sent; that is no failure of the demo.
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Made-up keys: local-oss checks every request's signature against exactly this pair.
key_id=LTAI-DEMOKEYID0001
secret=demo-secret-$RANDOM$RANDOM

echo "== starting local-oss on loopback (storage in $work/oss)"
# The keys go by environment, not the command line: a command line shows in ps.
LOCAL_OSS_KEYS="$key_id:$secret" java -jar local-oss/target/local-oss.jar --port 0 --root "$work/oss" \
  --bucket hktech-agent-models --bucket cloud-training \
  --port-file "$work/port" >"$work/local-oss.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do [[ -s "$work/port" ]] && break; sleep 0.1; done
[[ -s "$work/port" ]] || { echo "local-oss did not start:"; cat "$work/local-oss.log"; exit 1; }
port=$(cat "$work/port")

# The shipped example settings, unchanged; only the trainer class and the endpoint are overridden
# with -D (which beats the file), to point them at the demo trainer and local-oss.
cp oss-agent.example.properties "$work/oss-agent.properties"
printf 'AccessKey ID,AccessKey Secret\n%s,%s\n' "$key_id" "$secret" >"$work/AccessKey.csv"
chmod 600 "$work/AccessKey.csv"

echo "== java -javaagent:oss-agent.jar=oss-agent.properties -jar demo-trainer.jar   (in $work)"
(cd "$work" && java \
  -Dossagent.target.class=dev.ossagent.demo.DemoTrainer \
  -Dossagent.endpoint="http://127.0.0.1:$port" \
  -Dossagent.state.dir="$work/state" \
  "-javaagent:$root/agent/target/oss-agent.jar=oss-agent.properties" \
  -jar "$root/demo-trainer/target/demo-trainer.jar" --data-dir . --epochs 10)

echo "== what arrived in local-oss (ETag is the MD5 of a simply uploaded object)"
for flag in "" --data; do
  (cd "$work" && java -Dossagent.endpoint="http://127.0.0.1:$port" \
    -jar "$root/agent/target/oss-agent.jar" list --config oss-agent.properties $flag)
done

echo "== the local files, for comparison"
(cd "$work" && for f in models/rssm_model.pt models/scaler.pkl training_episodes.json; do
  printf '%-24s %8d bytes  md5 %s\n' "$f" "$(stat -c %s "$f")" "$(md5sum "$f" | cut -d' ' -f1 | tr a-f A-F)"
done)
