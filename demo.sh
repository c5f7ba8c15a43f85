#!/usr/bin/env bash
# The main job, end to end on loopback: build if needed, start local-oss with made-up keys, run the demo
# trainer under the agent (each run under its own ${run} prefix, LATEST naming the newest), list the runs,
# download the latest run verified into a folder that is kept, compare it with the trainer's files, and
# stop the server. The last line says how many files arrived byte-identical.
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD

if [[ ! -f agent/target/oss-agent.jar || ! -f demo-trainer/target/demo-trainer.jar || ! -f local-oss/target/local-oss.jar ]]; then
  echo "== building (mvn -B -q -DskipTests -pl agent -am package)"
  mvn -B -q -DskipTests -pl agent -am package
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/oss-agent-demo.XXXXXX")
arrived="$work/arrived"
server_pid=""
cleanup() {
  # The server dies of the TERM it is sent; that is no failure of the demo. The folder stays, to look at.
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

# Made-up keys: local-oss checks every request's signature against exactly this pair.
key_id=LTAI-DEMOKEYID0001
secret=demo-secret-$RANDOM$RANDOM

echo "== starting local-oss on loopback (storage in $work/oss)"
# The keys go by environment, not the command line: a command line shows in ps.
LOCAL_OSS_KEYS="$key_id:$secret" java -jar local-oss/target/local-oss.jar --port 0 --root "$work/oss" \
  --bucket demo-models --bucket demo-data \
  --port-file "$work/port" >"$work/local-oss.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do [[ -s "$work/port" ]] && break; sleep 0.1; done
[[ -s "$work/port" ]] || { echo "local-oss did not start:"; cat "$work/local-oss.log"; exit 1; }
port=$(cat "$work/port")

# The demo's own settings file (oss-agent.example.properties is the commented template for yours).
{
  echo "ossagent.target.class=dev.ossagent.demo.DemoTrainer"
  echo "ossagent.endpoint=http://127.0.0.1:$port"
  echo "ossagent.model.bucket=demo-models"
  echo 'ossagent.model.prefix=models/${run}/'
  echo "ossagent.model.files=models/rssm_model.pt,models/scaler.pkl"
  echo "ossagent.data.bucket=demo-data"
  echo 'ossagent.data.prefix=training-data/${run}/'
  echo "ossagent.data.files=training_episodes.json"
  echo "ossagent.latest=models/LATEST.json"
  echo "ossagent.state.dir=$work/state"
} >"$work/oss-agent.properties"
printf 'AccessKey ID,AccessKey Secret\n%s,%s\n' "$key_id" "$secret" >"$work/AccessKey.csv"
chmod 600 "$work/AccessKey.csv"

echo "== java -javaagent:oss-agent.jar=oss-agent.properties -jar demo-trainer.jar   (in $work)"
(cd "$work" && java "-javaagent:$root/agent/target/oss-agent.jar=oss-agent.properties" \
  -jar "$root/demo-trainer/target/demo-trainer.jar" --data-dir . --epochs 10)

echo '== java -jar oss-agent.jar list --runs   (each run under models/${run}/)'
(cd "$work" && java -jar "$root/agent/target/oss-agent.jar" list --runs --config oss-agent.properties)

echo "== java -jar oss-agent.jar download latest $arrived   (each file checked against the manifest)"
(cd "$work" && java -jar "$root/agent/target/oss-agent.jar" download latest "$arrived" --config oss-agent.properties)

echo "== the trainer's files against what arrived"
same=0
total=0
for f in models/rssm_model.pt models/scaler.pkl training_episodes.json; do
  total=$((total + 1))
  got=$(find "$arrived" -type f -name "$(basename "$f")" | head -1)
  if [[ -n "$got" ]] && cmp -s "$work/$f" "$got"; then
    same=$((same + 1))
    printf '%-24s %8d bytes  identical to %s\n' "$f" "$(stat -c %s "$work/$f")" "${got#"$arrived"/}"
  else
    printf '%-24s %8d bytes  MISSING OR DIFFERENT in %s\n' "$f" "$(stat -c %s "$work/$f")" "$arrived"
  fi
done
echo "what arrived is kept in $arrived"
echo "$same of $total files arrived byte-identical"
[[ $same -eq $total ]]
