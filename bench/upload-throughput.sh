#!/usr/bin/env bash
# Upload throughput of the agent against curl -T, to the same local-oss on loopback, for 1 GiB and
# 4 GiB models; peak RSS of the trainer JVM (-Xmx64m) with and without the agent; bytes that resume
# saves after a kill -9 at about half of a 1 GiB upload. A benchmark, not a test: it prints a table.
#
#   mvn -B verify            # once: this script builds nothing
#   bench/upload-throughput.sh [SIZES_MIB...]     # default: 1024 4096; ROUNDS=3 runs of each way
#
# Big files go to a mktemp folder under ${BENCH_TMP:-/tmp}, removed at the end. JAVA=/path/bin/java
# picks another JDK.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
AGENT_JAR="$ROOT/agent/target/oss-agent.jar"
TRAINER_JAR="$ROOT/demo-trainer/target/demo-trainer.jar"
OSS_JAR="$ROOT/local-oss/target/local-oss.jar"
SIZES=("$@")
ROUNDS="${ROUNDS:-3}"
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1024 4096)
JAVA="${JAVA:-java}"
BUCKET=hktech-agent-models
KEY_ID=LTAI-BENCHKEY00001
SECRET="bench-secret-$RANDOM$RANDOM" # made up per run, never printed

for jar in "$AGENT_JAR" "$TRAINER_JAR" "$OSS_JAR"; do
    [ -f "$jar" ] || { echo "missing $jar: run mvn -B verify first" >&2; exit 2; }
done
if [ ! -x /usr/bin/time ]; then
    echo "installing GNU time for peak RSS (apt-get install -y time)" >&2
    apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y time >/dev/null 2>&1; }
fi
for tool in curl openssl /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 2; }
done

WORK="$(mktemp -d "${BENCH_TMP:-/tmp}/oss-agent-bench.XXXXXX")"
OSS_PID=""
cleanup() {
    [ -n "$OSS_PID" ] && kill "$OSS_PID" 2>/dev/null && wait "$OSS_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

mkdir -p "$WORK/oss-root" "$WORK/run"
# Keys by environment, not the command line (which shows in ps).
LOCAL_OSS_KEYS="$KEY_ID:$SECRET" "$JAVA" -jar "$OSS_JAR" --port 0 --port-file "$WORK/port" --root "$WORK/oss-root" \
    --bucket "$BUCKET" >"$WORK/local-oss.log" 2>&1 &
OSS_PID=$!
for _ in $(seq 100); do [ -s "$WORK/port" ] && break; sleep 0.1; done
PORT="$(cat "$WORK/port")"
ENDPOINT="http://127.0.0.1:$PORT"

printf 'AccessKey ID,AccessKey Secret\n%s,%s\n' "$KEY_ID" "$SECRET" >"$WORK/run/AccessKey.csv"
chmod 600 "$WORK/run/AccessKey.csv"
settings() { # extra lines on stdin
    {
        echo "ossagent.target.class=dev.ossagent.demo.DemoTrainer"
        echo "ossagent.endpoint=$ENDPOINT"
        echo "ossagent.model.bucket=$BUCKET"
        echo "ossagent.model.files=models/rssm_model.pt"
        echo "ossagent.data.files="
        echo "ossagent.state.dir=$WORK/state"
        echo "ossagent.skip-unchanged=false"
        cat
    } >"$WORK/run/oss-agent.properties"
}

# Dirty pages of the step before must not slow the next one down.
settle() { sync; sleep 1; }

# Peak RSS in MiB from GNU time's report.
rss_mib() { awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$1"; }

# curl -T with an OSS V1 signature: base64(hmac-sha1(secret, "PUT\n\n<type>\n<date>\n/<bucket>/<key>")).
curl_put() { # file key -> prints seconds
    local file="$1" key="$2" date type="application/octet-stream" sig
    date="$(LC_ALL=C TZ=GMT date '+%a, %d %b %Y %H:%M:%S GMT')"
    sig="$(printf 'PUT\n\n%s\n%s\n/%s/%s' "$type" "$date" "$BUCKET" "$key" \
        | openssl dgst -sha1 -hmac "$SECRET" -binary | openssl base64)"
    curl -sS -o /dev/null -w '%{time_total}' -T "$file" -H "Expect:" -H "Date: $date" -H "Content-Type: $type" \
        -H "Authorization: OSS $KEY_ID:$sig" "$ENDPOINT/$BUCKET/$key"
}

# The agent's seconds, from its own "uploaded" line in the given log.
agent_seconds() {
    local line
    line="$(grep 'uploaded hktech-agent-models/models/' "$1" | tail -1 || true)"
    [ -n "$line" ] || { echo "agent upload failed:" >&2; cat "$1" >&2; exit 1; }
    sed -E 's/.*, ([0-9.]+) s, .*/\1/' <<<"$line"
}

# The same file by the command line (same transfer code), as one PutObject: the server's work equals curl's.
cli_put() { # file -> seconds
    (cd "$WORK/run" && "$JAVA" -Xmx64m -Dossagent.multipart.threshold=1t -jar "$AGENT_JAR" upload \
        --config "$WORK/run/oss-agent.properties" --model "$1" >/dev/null 2>"$WORK/cli.err")
    agent_seconds "$WORK/cli.err"
}

# Warm local-oss up (its JIT, for PUT and multipart) so the first measurement is not also its warm-up.
settings </dev/null
head -c $((64 * 1024 * 1024)) /dev/urandom >"$WORK/warm.bin"
cli_put "$WORK/warm.bin" >/dev/null
(cd "$WORK/run" && "$JAVA" -Dossagent.multipart.threshold=1m -jar "$AGENT_JAR" upload --config "$WORK/run/oss-agent.properties" \
    --model "$WORK/warm.bin" >/dev/null 2>&1)
curl_put "$WORK/warm.bin" models/warm.bin >/dev/null
rm -f "$WORK/warm.bin"

# "median min max" of the numbers given as arguments.
stats() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END {
    printf "%s %s %s", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2, v[1], v[NR] }'; }

# Rounds interleave the three ways, so a slower spell of this shared machine falls on all of them.
ROWS=()
for mib in "${SIZES[@]}"; do
    MP=() PUT=() CURL=() agent_rss=0
    for _ in $(seq "$ROUNDS"); do
        rm -rf "$WORK/oss-root/$BUCKET/models" "$WORK/state" "$WORK/run/models"
        settle
        # The trainer writes the padded model, returns it, and waits at exit for the upload (async mode).
        (cd "$WORK/run" && /usr/bin/time -v -o "$WORK/time-agent.txt" "$JAVA" -Xmx64m \
            -javaagent:"$AGENT_JAR=$WORK/run/oss-agent.properties" -jar "$TRAINER_JAR" --data-dir "$WORK/run" \
            --pad-model-mb "$mib" >/dev/null 2>"$WORK/agent.err")
        MP+=("$(agent_seconds "$WORK/agent.err")")
        rss="$(rss_mib "$WORK/time-agent.txt")"
        [ "$rss" -gt "$agent_rss" ] && agent_rss="$rss"
        cmp -s "$WORK/run/models/rssm_model.pt" "$WORK/oss-root/$BUCKET/models/rssm_model.pt" \
            || { echo "stored model differs from the file" >&2; exit 1; }
        rm -rf "$WORK/oss-root/$BUCKET/models" "$WORK/state"
        settle
        PUT+=("$(cli_put "$WORK/run/models/rssm_model.pt")")
        rm -rf "$WORK/oss-root/$BUCKET/models"
        settle
        CURL+=("$(curl_put "$WORK/run/models/rssm_model.pt" "models/curl-$mib.bin")")
        cmp -s "$WORK/run/models/rssm_model.pt" "$WORK/oss-root/$BUCKET/models/curl-$mib.bin" \
            || { echo "curl's object differs from the file" >&2; exit 1; }
    done
    rm -rf "$WORK/oss-root/$BUCKET/models" "$WORK/run/models"

    (cd "$WORK/run" && /usr/bin/time -v -o "$WORK/time-plain.txt" "$JAVA" -Xmx64m -jar "$TRAINER_JAR" \
        --data-dir "$WORK/run" --pad-model-mb "$mib" >/dev/null 2>&1)
    plain_rss="$(rss_mib "$WORK/time-plain.txt")"

    ROWS+=("$(awk -v m="$mib" -v mp="$(stats "${MP[@]}")" -v p="$(stats "${PUT[@]}")" -v c="$(stats "${CURL[@]}")" \
        -v b="$((mib * 1024 * 1024))" -v ar="$agent_rss" -v pr="$plain_rss" '
        function cell(s,   v) { split(s, v, " "); return sprintf("%5.2f s (%5.2f-%5.2f) %5.1f MB/s", v[1], v[2], v[3], b / v[1] / 1e6) }
        function med(s,   v) { split(s, v, " "); return v[1] }
        BEGIN { printf "%5s MiB  %s  %s  %s  %5.2f  %5.2f  %5s MiB  %5s MiB", m, cell(mp), cell(p), cell(c),
            med(c) / med(mp), med(c) / med(p), ar, pr }')")
done

# Resume after kill -9 at about 50% of 1 GiB: how much resume did not send again.
rm -rf "$WORK/oss-root/$BUCKET/models" "$WORK/state" "$WORK/run/models"
settings <<<"ossagent.progress.interval=500ms"
(cd "$WORK/run" && exec "$JAVA" -Xmx64m -javaagent:"$AGENT_JAR=$WORK/run/oss-agent.properties" -jar "$TRAINER_JAR" \
    --data-dir "$WORK/run" --pad-model-mb 1024 >/dev/null 2>"$WORK/kill.err") &
TRAINER_PID=$!
killed=""
for _ in $(seq 1200); do
    pct="$(grep -oE 'rssm_model.pt: .* \(([0-9.]+)%\)' "$WORK/kill.err" | tail -1 | sed -E 's/.*\(([0-9]+)\..*/\1/' || true)"
    if [ -n "$pct" ] && [ "$pct" -ge 45 ]; then kill -9 "$TRAINER_PID"; killed="$pct"; break; fi
    kill -0 "$TRAINER_PID" 2>/dev/null || break
    sleep 0.1
done
wait "$TRAINER_PID" 2>/dev/null || true
RESUME_ROW="(not measured: the upload ended before 45%)"
if [ -n "$killed" ]; then
    (cd "$WORK/run" && "$JAVA" -Xmx64m -jar "$AGENT_JAR" resume --config "$WORK/run/oss-agent.properties" \
        >"$WORK/resume.out" 2>"$WORK/resume.err")
    cmp -s "$WORK/run/models/rssm_model.pt" "$WORK/oss-root/$BUCKET/models/rssm_model.pt" \
        || { echo "resumed model differs from the file" >&2; exit 1; }
    saved="$(grep -oE 'parts \([0-9.]+ [KMG]iB\) are already in OSS' "$WORK/resume.err" | sed -E 's/parts \((.*)\) are.*/\1/')"
    RESUME_ROW="killed at ${killed}% of 1 GiB; resume did not send again: ${saved:-nothing}"
fi

echo
echo "oss-agent upload throughput vs curl -T to local-oss on 127.0.0.1; $(nproc) cores, shared with other work;"
echo "$("$JAVA" -version 2>&1 | head -1). Agent seconds are its own 'uploaded' line: CRC64 checked per request, size and"
echo "CRC64 verified by HEAD, SHA-256 read for the manifest. Multipart: the trainer under the agent, -Xmx64m, default"
echo "settings (from 100 MiB, parts of a 64th of the file within 8-64 MiB, 4 threads). PUT: the same code as one"
echo "PutObject (command line, -Xmx64m). curl: one PUT with a V1 signature. local-oss writes parts in place (no copy)."
echo "Each way $ROUNDS times, interleaved: median seconds (min-max) and the median's throughput."
printf '%9s  %-36s  %-36s  %-36s  %5s  %5s  %9s  %9s\n' "model" "agent multipart" "agent PUT" "curl -T" \
    "mp/c" "put/c" "RSS agent" "RSS plain"
for row in "${ROWS[@]}"; do echo "$row"; done
echo "(mp/c, put/c: agent throughput / curl throughput, of the medians; RSS: highest peak of the trainer JVM with the"
echo "agent, and without it)"
echo "resume: $RESUME_ROW"
