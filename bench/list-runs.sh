#!/usr/bin/env bash
# list --runs at scale: COUNTS (default "100 2000 10000") runs under one prefix (bench/MakeRuns.java: two files and a
# manifest each, every tenth run without one), served by a local-oss that holds every request DELAY_MS (default 20)
# ms, like a region tens of milliseconds away. For each count: the wall seconds of
#   java -Xmx128m -jar oss-agent.jar list --runs            (every run; its manifests read 16 at a time)
#   java -Xmx128m -jar oss-agent.jar list --runs --limit 20 (the newest 20)
# the requests local-oss served, the rows printed, and the peak heap (the largest heap before a GC, from -Xlog:gc)
# of the whole run; -Xmx128m makes "under 128 MiB" a hard bound. ROUNDS (default 3), median (min-max).
# Usage: bench/list-runs.sh          (builds the jars if missing; JAVA=/path/bin/java picks another JDK)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
counts=${COUNTS:-"100 2000 10000"}
delay_ms=${DELAY_MS:-20}
rounds=${ROUNDS:-3}
build_if_needed
machine
echo "$delay_ms ms added to every request, $rounds rounds, -Xmx128m"
key_id=LTAI-BENCHKEYID01
secret=bench-secret-$RANDOM$RANDOM
bucket=hktech-agent-models
printf 'AccessKey ID,AccessKey Secret\n%s,%s\n' "$key_id" "$secret" >"$work/AccessKey.csv"
chmod 600 "$work/AccessKey.csv"

for count in $counts; do
  rm -rf "$work/oss" "$work/port"
  mkdir -p "$work/oss/$bucket"
  "$java_bin" "$root/bench/MakeRuns.java" "$work/oss/$bucket" "$count"
  LOCAL_OSS_KEYS="$key_id:$secret" "$java_bin" -jar "$local_oss_jar" --port 0 --root "$work/oss" --bucket "$bucket" \
    --port-file "$work/port" --delay-ms "$delay_ms" >"$work/local-oss.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do [[ -s $work/port ]] && break; sleep 0.1; done
  cat >"$work/oss-agent.properties" <<PROPS
ossagent.endpoint=http://127.0.0.1:$(cat "$work/port")
ossagent.model.bucket=$bucket
ossagent.model.prefix=models/\${run}/
ossagent.state.dir=$work/state
PROPS
  # Files dropped by hand get their metadata (ETag, CRC64) at the first listing, as if they had been PUT: not timed.
  "$java_bin" -jar "$agent_jar" list --config "$work/oss-agent.properties" >/dev/null
  for way in all limit; do
    : >"$work/times"; : >"$work/heaps"
    for _ in $(seq 1 "$rounds"); do
      extra=(); [[ $way == limit ]] && extra=(--limit 20)
      start=$(date +%s.%N)
      "$java_bin" -Xmx128m -Xlog:gc:file="$work/gc.log" -jar "$agent_jar" list --runs --config "$work/oss-agent.properties" \
        "${extra[@]}" >"$work/out" 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
      end=$(date +%s.%N)
      echo "$end - $start" | bc >>"$work/times"
      { grep -o '[0-9]*M->' "$work/gc.log" | sed 's/M->//' ; echo 0; } | sort -n | tail -1 >>"$work/heaps"
    done
    rows=$(($(wc -l <"$work/out") - 2))
    read -r med min max < <(stats <"$work/times")
    read -r hmed _ hmax < <(stats <"$work/heaps")
    printf '%6d runs  %-12s %6.2f s (%.2f-%.2f)  %6d rows  peak heap %s MiB (max %s)  %s\n' "$count" \
      "$([[ $way == limit ]] && echo '--limit 20' || echo 'all')" "$med" "$min" "$max" "$rows" "$hmed" "$hmax" \
      "$(tail -1 "$work/out")"
  done
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
done
