#!/usr/bin/env bash
# The agent's `upload` against the few lines of Alibaba's Java SDK a user would write instead (bench/SdkUpload.java:
# uploadFile with a checkpoint, parallel parts, its CRC64 check on), both a fresh JVM, the same file, the same part
# size (the agent's default for the size: a 64th of the file, 8-64 MiB) and 4 threads. The agent runs with its
# defaults: CRC64 of the file's own bytes checked against OSS, and a SHA-256 of every byte for the manifest.
# Links: loopback, and a local-oss that holds every request DELAY_MS (default 20) and caps all bodies at CAP
# (default 100MB = 10^8 B/s). ROUNDS (default 3) interleaved rounds; medians (min-max) of wall and CPU seconds
# (user + sys of the whole process, from GNU time); agent / SDK. First it prints each hash's single-core GB/s.
# Usage: bench/vs-sdk.sh [SIZES_MIB...]   (default 1024 4096; builds the jars if missing; JAVA=... another JDK;
# LINKS="loopback" or "slow" for one link only)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1024 4096)
rounds=${ROUNDS:-3}
delay_ms=${DELAY_MS:-20}
cap=${CAP:-100MB}
threads=4
links=(${LINKS:-loopback slow})
build_if_needed
[[ -x /usr/bin/time ]] || { echo "needs GNU time (/usr/bin/time): apt-get install -y time" >&2; exit 2; }

# The SDK program's class path: aliyun-sdk-oss at the version the parent pom pins, not relocated (a throw-away pom,
# resolved from the local Maven repository).
sdk_version=$(sed -n 's:.*<aliyun-sdk-oss.version>\(.*\)</aliyun-sdk-oss.version>.*:\1:p' "$root/pom.xml")
mkdir -p "$work/sdk-pom" "$work/sdk-classes"
cat >"$work/sdk-pom/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>sdk-upload</artifactId><version>1</version>
  <dependencies><dependency><groupId>com.aliyun.oss</groupId><artifactId>aliyun-sdk-oss</artifactId>
    <version>$sdk_version</version></dependency></dependencies>
</project>
POM
(cd "$work/sdk-pom" && mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$work/sdk.classpath" >"$work/mvn.log" 2>&1) \
  || { cat "$work/mvn.log" >&2; echo "could not resolve the SDK's class path" >&2; exit 2; }
"$(dirname "$(readlink -f "$(command -v "$java_bin")")")/javac" -d "$work/sdk-classes" -cp "$(cat "$work/sdk.classpath")" \
  "$root/bench/SdkUpload.java"
sdk_cp="$work/sdk-classes:$(cat "$work/sdk.classpath")"

declare -A endpoint pid
start_server loopback
start_server slow --delay-ms "$delay_ms" --max-bandwidth "$cap"
cleanup() { kill ${pid[loopback]} ${pid[slow]} 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

printf 'AccessKey ID,AccessKey Secret\n%s,%s\n' "$key_id" "$secret" >"$work/AccessKey.csv"
chmod 600 "$work/AccessKey.csv"
for name in loopback slow; do
  cat >"$work/$name.properties" <<PROPS
ossagent.target.class=None
ossagent.endpoint=${endpoint[$name]}
ossagent.model.bucket=$bucket
ossagent.data.files=
ossagent.state.dir=$work/state
ossagent.credentials.csv=$work/AccessKey.csv
ossagent.skip-unchanged=false
PROPS
done

machine
echo "hashes, one core, 128 KiB blocks (median of 7 rounds of 512 MiB):"
"$java_bin" -cp "$agent_jar" "$root/bench/Crc64Bench.java" 512 7 128 2>&1 | sed 's/^/  /'

part_mib() { # the agent's default part size for a file of $1 MiB
  local p=$(( ($1 + 63) / 64 )); (( p < 8 )) && p=8; (( p > 64 )) && p=64; echo "$p"
}
agent_put() { # name file -> wall user sys
  rm -rf "$work/state"
  /usr/bin/time -f '%e %U %S' -o "$work/time.txt" "$java_bin" -jar "$agent_jar" upload --config "$work/$1.properties" \
    --model "$2" >/dev/null 2>"$work/agent.err" || { cat "$work/agent.err" >&2; exit 1; }
  cmp -s "$2" "$work/oss-$1/$bucket/models/$(basename "$2")" || { echo "agent: stored object differs" >&2; exit 1; }
  cat "$work/time.txt"
}
sdk_put() { # name file part_mib -> wall user sys
  rm -f "$work/sdk.checkpoint"
  OSS_ACCESS_KEY_ID=$key_id OSS_ACCESS_KEY_SECRET=$secret /usr/bin/time -f '%e %U %S' -o "$work/time.txt" \
    "$java_bin" -cp "$sdk_cp" SdkUpload "${endpoint[$1]}" cn-beijing "$bucket" models/sdk.bin "$2" "$3" "$threads" \
    "$work/sdk.checkpoint" >/dev/null 2>"$work/sdk.err" || { cat "$work/sdk.err" >&2; exit 1; }
  cmp -s "$2" "$work/oss-$1/$bucket/models/sdk.bin" || { echo "SDK: stored object differs" >&2; exit 1; }
  cat "$work/time.txt"
}
settle() { rm -rf "$work"/oss-*/"$bucket"/models; sync; sleep 1; }
med() { printf '%s\n' "$@" | stats; }
cell() { read -r m mn mx <<<"$1"; printf '%6.2f (%.2f-%.2f)' "$m" "$mn" "$mx"; }
first() { read -r m _ <<<"$1"; echo "$m"; }
ratio() { printf '%.2f' "$(echo "$(first "$1") / $(first "$2")" | bc -l)"; }

for size in "${sizes[@]}"; do
  file="$work/model-$size.bin"
  head -c $((size * 1024 * 1024)) /dev/urandom >"$file"
  part=$(part_mib "$size")
  for name in "${links[@]}"; do # warm-up of the server's JIT, not counted
    settle; agent_put "$name" "$file" >/dev/null; settle; sdk_put "$name" "$file" "$part" >/dev/null
  done
  for name in "${links[@]}"; do
    AW=(); AC=(); SW=(); SC=()
    for _ in $(seq 1 "$rounds"); do
      settle; read -r w u s <<<"$(agent_put "$name" "$file")"; AW+=("$w"); AC+=("$(echo "$u + $s" | bc)")
      settle; read -r w u s <<<"$(sdk_put "$name" "$file" "$part")"; SW+=("$w"); SC+=("$(echo "$u + $s" | bc)")
    done
    aw=$(med "${AW[@]}"); ac=$(med "${AC[@]}"); sw=$(med "${SW[@]}"); sc=$(med "${SC[@]}")
    echo
    echo "$size MiB, $name$([[ $name == slow ]] && echo " ($delay_ms ms, $cap/s)"), $part MiB parts, $threads threads, $rounds rounds"
    echo "                 wall s                 CPU s (user+sys)"
    echo "  agent upload   $(cell "$aw")    $(cell "$ac")"
    echo "  SDK uploadFile $(cell "$sw")    $(cell "$sc")"
    echo "  agent / SDK    wall $(ratio "$aw" "$sw"), CPU $(ratio "$ac" "$sc")   (goal: wall <= 1.0, CPU <= 0.9)"
  done
  rm -f "$file"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
