#!/usr/bin/env bash
# One big file (SIZE_MIB, default 1024) by the agent's command line (`upload`, the same transfer code as under a
# trainer) and by curl -T, ROUNDS (default 3) interleaved rounds each, on two links:
#   loopback - local-oss as it is: wall seconds and CPU seconds (user + sys of the whole process, JVM start
#              included) of each; the agent's CPU / curl's CPU
#   slow     - local-oss adding DELAY_MS (default 20) to every request and capping all bodies at CAP (default
#              100MB = 10^8 bytes/s): throughput of each; the agent's / curl's
# Medians (min-max). The agent runs with its defaults (multipart from 100 MiB); curl sends one PUT.
# Usage: bench/big-file.sh      (builds the jars if missing; JAVA=/path/bin/java picks another JDK)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
size_mib=${SIZE_MIB:-1024}
rounds=${ROUNDS:-3}
delay_ms=${DELAY_MS:-20}
cap=${CAP:-100MB}
build_if_needed
[[ -x /usr/bin/time ]] || { echo "needs GNU time (/usr/bin/time): apt-get install -y time" >&2; exit 2; }

declare -A endpoint pid
start_server loopback
start_server slow --delay-ms "$delay_ms" --max-bandwidth "$cap"
server_pid="${pid[loopback]} ${pid[slow]}"
cleanup() { kill ${pid[loopback]} ${pid[slow]} 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

printf 'AccessKey ID,AccessKey Secret\n%s,%s\n' "$key_id" "$secret" >"$work/AccessKey.csv"
chmod 600 "$work/AccessKey.csv"
props() { # name -> settings file for that server
  cat >"$work/$1.properties" <<PROPS
ossagent.target.class=None
ossagent.endpoint=${endpoint[$1]}
ossagent.model.bucket=$bucket
ossagent.data.files=
ossagent.state.dir=$work/state
ossagent.credentials.csv=$work/AccessKey.csv
ossagent.skip-unchanged=false
PROPS
}
props loopback
props slow

head -c $((size_mib * 1024 * 1024)) /dev/urandom >"$work/model.bin"
bytes=$((size_mib * 1024 * 1024))
machine
echo "$size_mib MiB, $rounds rounds; slow link: $delay_ms ms per request, cap $cap/s for all connections together"

curl_put() { # name -> wall user sys
  local date type=application/octet-stream sig
  date="$(LC_ALL=C TZ=GMT date '+%a, %d %b %Y %H:%M:%S GMT')"
  sig="$(printf 'PUT\n\n%s\n%s\n/%s/%s' "$type" "$date" "$bucket" "models/curl.bin" \
    | openssl dgst -sha1 -hmac "$secret" -binary | openssl base64)"
  /usr/bin/time -f '%e %U %S' -o "$work/time.txt" curl -sS -f -o /dev/null -T "$work/model.bin" -H "Expect:" \
    -H "Date: $date" -H "Content-Type: $type" -H "Authorization: OSS $key_id:$sig" "${endpoint[$1]}/$bucket/models/curl.bin"
  cat "$work/time.txt"
}
agent_put() { # name -> wall user sys
  rm -rf "$work/state"
  /usr/bin/time -f '%e %U %S' -o "$work/time.txt" "$java_bin" -jar "$agent_jar" upload --config "$work/$1.properties" \
    --model "$work/model.bin" >/dev/null 2>"$work/agent.err" || { cat "$work/agent.err" >&2; exit 1; }
  cmp -s "$work/model.bin" "$work/oss-$1/$bucket/models/model.bin" || { echo "stored object differs" >&2; exit 1; }
  cat "$work/time.txt"
}
settle() { rm -rf "$work"/oss-*/"$bucket"/models; sync; sleep 1; }

# Warm-up of both servers (their JIT), not counted.
for name in loopback slow; do settle; agent_put "$name" >/dev/null; curl_put "$name" >/dev/null; done

declare -a AW AC CW CC SA SC
for _ in $(seq 1 "$rounds"); do
  settle; read -r w u s <<<"$(agent_put loopback)"; AW+=("$w"); AC+=("$(echo "$u + $s" | bc)")
  settle; read -r w u s <<<"$(curl_put loopback)"; CW+=("$w"); CC+=("$(echo "$u + $s" | bc)")
  settle; read -r w u s <<<"$(agent_put slow)"; SA+=("$w")
  settle; read -r w u s <<<"$(curl_put slow)"; SC+=("$w")
done
med() { printf '%s\n' "$@" | stats; }
cell() { read -r m mn mx <<<"$1"; printf '%6.2f (%.2f-%.2f)' "$m" "$mn" "$mx"; }
mb() { read -r m _ <<<"$1"; printf '%6.1f MB/s' "$(echo "$bytes / $m / 1000000" | bc -l)"; }
first() { read -r m _ <<<"$1"; echo "$m"; }
aw=$(med "${AW[@]}"); ac=$(med "${AC[@]}"); cw=$(med "${CW[@]}"); cc=$(med "${CC[@]}"); sa=$(med "${SA[@]}"); sc=$(med "${SC[@]}")
echo
echo "loopback, $size_mib MiB     wall s                 CPU s (user+sys)"
echo "  agent upload        $(cell "$aw")    $(cell "$ac")"
echo "  curl -T             $(cell "$cw")    $(cell "$cc")"
printf '  agent / curl        wall %.2f, CPU %.2f\n' "$(echo "$(first "$aw") / $(first "$cw")" | bc -l)" \
  "$(echo "$(first "$ac") / $(first "$cc")" | bc -l)"
echo "slow link ($delay_ms ms, $cap/s)   wall s"
echo "  agent upload        $(cell "$sa")   $(mb "$sa")"
echo "  curl -T             $(cell "$sc")   $(mb "$sc")"
printf '  agent throughput / curl throughput: %.2f\n' "$(echo "$(first "$sc") / $(first "$sa")" | bc -l)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
