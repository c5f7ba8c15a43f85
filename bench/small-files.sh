#!/usr/bin/env bash
# Many small files over a slow link: 300 files of 20 KB (FILES, SIZE_KB) to a local-oss that delays every request
# by 20 ms (DELAY_MS), like a region tens of milliseconds away. Three ways, interleaved, ROUNDS (default 5) rounds:
#   train   - a trainer (bench/ReturnFolder.java) whose train returns the folder, with the agent: JVM start to exit
#   upload  - java -jar oss-agent.jar upload --model FOLDER (the command line)
#   curl    - xargs -P 16 curl -T, one V1-signed PUT per file (16 processes at a time)
# Prints median seconds (min-max) of each, and each agent way / curl. Every way starts from an empty bucket prefix.
# Extra agent settings go in AGENT_PROPS (e.g. AGENT_PROPS="ossagent.upload.parallel-files=4").
# Usage: bench/small-files.sh            (builds the jars if missing; JAVA=/path/bin/java picks another JDK)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
files=${FILES:-300}
size_kb=${SIZE_KB:-20}
delay_ms=${DELAY_MS:-20}
rounds=${ROUNDS:-5}
build_if_needed
command -v curl >/dev/null && command -v openssl >/dev/null || { echo "needs curl and openssl" >&2; exit 2; }

key_id=LTAI-BENCHKEYID01
secret=bench-secret-$RANDOM$RANDOM
bucket=hktech-agent-models
LOCAL_OSS_KEYS="$key_id:$secret" "$java_bin" -jar "$local_oss_jar" --port 0 --root "$work/oss" --bucket "$bucket" \
  --port-file "$work/port" --delay-ms "$delay_ms" >"$work/local-oss.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do [[ -s $work/port ]] && break; sleep 0.1; done
endpoint="http://127.0.0.1:$(cat "$work/port")"
printf 'AccessKey ID,AccessKey Secret\n%s,%s\n' "$key_id" "$secret" >"$work/AccessKey.csv"
chmod 600 "$work/AccessKey.csv"
cat >"$work/oss-agent.properties" <<PROPS
ossagent.target.class=ReturnFolder\$Trainer
ossagent.endpoint=$endpoint
ossagent.model.bucket=$bucket
ossagent.data.files=
ossagent.state.dir=$work/state
PROPS
for prop in ${AGENT_PROPS:-}; do echo "$prop" >>"$work/oss-agent.properties"; done

mkdir -p "$work/classes" "$work/shards"
javac -d "$work/classes" "$root/bench/ReturnFolder.java"
for i in $(seq -w 1 "$files"); do head -c $((size_kb * 1000)) /dev/urandom >"$work/shards/shard-$i.bin"; done

machine
echo "$files files of $size_kb KB, $delay_ms ms added to every request, $rounds rounds"

# curl -T with an OSS V1 signature, one file: $1 = file, $2 = key.
cat >"$work/curl-put.sh" <<'CURL'
#!/usr/bin/env bash
set -euo pipefail
date="$(LC_ALL=C TZ=GMT date '+%a, %d %b %Y %H:%M:%S GMT')"
type=application/octet-stream
sig="$(printf 'PUT\n\n%s\n%s\n/%s/%s' "$type" "$date" "$BUCKET" "$2" | openssl dgst -sha1 -hmac "$SECRET" -binary | openssl base64)"
curl -sS -f -o /dev/null -T "$1" -H "Expect:" -H "Date: $date" -H "Content-Type: $type" \
  -H "Authorization: OSS $KEY_ID:$sig" "$ENDPOINT/$BUCKET/$2"
CURL
chmod +x "$work/curl-put.sh"

now() { date +%s.%N; }
clean() { rm -rf "$work/oss/$bucket/models" "$work/state"; }
check() { # $1 = how many objects must be there
  local n
  n=$(find "$work/oss/$bucket/models" -type f 2>/dev/null | wc -l)
  [[ $n -ge $1 ]] || { echo "only $n objects after $2" >&2; exit 1; }
}

declare -a T_TRAIN T_UPLOAD T_CURL
for _ in $(seq 1 "$rounds"); do
  clean
  t0=$(now)
  (cd "$work" && "$java_bin" "-javaagent:$agent_jar=$work/oss-agent.properties" -cp "$work/classes" ReturnFolder \
    "$work/shards" 2>"$work/train.err")
  t1=$(now)
  check "$files" train
  T_TRAIN+=("$(echo "$t1 - $t0" | bc)")

  clean
  t0=$(now)
  (cd "$work" && "$java_bin" -jar "$agent_jar" upload --config "$work/oss-agent.properties" --model "$work/shards" \
    >/dev/null 2>"$work/upload.err")
  t1=$(now)
  check "$files" upload
  T_UPLOAD+=("$(echo "$t1 - $t0" | bc)")

  clean
  t0=$(now)
  (cd "$work/shards" && ls | BUCKET=$bucket SECRET=$secret KEY_ID=$key_id ENDPOINT=$endpoint \
    xargs -P 16 -I{} "$work/curl-put.sh" {} "models/shards/{}")
  t1=$(now)
  check "$files" curl
  T_CURL+=("$(echo "$t1 - $t0" | bc)")
done

med() { printf '%s\n' "$@" | stats; }
read -r ct cmin cmax <<<"$(med "${T_CURL[@]}")"
printf '%-34s %8s %18s %8s\n' way "median s" "(min-max)" "/ curl"
for way in train upload curl; do
  case $way in
    train) read -r m mn mx <<<"$(med "${T_TRAIN[@]}")"; label="agent, train returns the folder";;
    upload) read -r m mn mx <<<"$(med "${T_UPLOAD[@]}")"; label="agent CLI upload";;
    curl) m=$ct mn=$cmin mx=$cmax; label="xargs -P 16 curl -T";;
  esac
  printf '%-34s %8.2f %18s %8.2f\n' "$label" "$m" "($(printf '%.2f' "$mn")-$(printf '%.2f' "$mx"))" "$(echo "$m / $ct" | bc -l)"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
