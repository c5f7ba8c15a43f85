#!/usr/bin/env bash
# Startup cost of the agent: wall time of the demo trainer's --noop run (the train class loads at
# once and train() returns the model path without training) in five setups, RUNS times each
# (default 15), interleaved so that a change in the machine's load hits every setup alike.
#
#   no agent                      java -jar demo-trainer.jar --noop
#   an agent that does nothing    reference: a premain that adds a no-op ClassFileTransformer (the
#                                 JVM's own cost of any -javaagent: its jar, java.instrument, the
#                                 reflective premain call)
#   disabled by the flag          -javaagent:oss-agent.jar=... -Dossagent.enabled=false
#   enabled, target never loaded  ossagent.target.class names a class this JVM never loads
#   enabled, target loaded        train() is woven and returns the path of files that --noop never
#                                 wrote: the issue's no-op case, planning finds nothing to send
#   ... and a real upload         train() is woven, and the three files the demo
#                                 trainer wrote beforehand (23 KiB) are uploaded to a local-oss on
#                                 loopback before the JVM exits
#
# Prints median, min and max in milliseconds and the ratio of medians to "no agent".
# Usage: bench/startup.sh [RUNS]      JAVA=/path/to/java bench/startup.sh   for another JDK
set -euo pipefail
source "$(dirname "$0")/lib.sh"
runs=${1:-${RUNS:-15}}
build_if_needed
start_local_oss dev.ossagent.demo.DemoTrainer
machine

mkdir -p "$work/empty"
# The files --noop returns the path of: written once, without the agent.
"$java_bin" -jar "$trainer_jar" --data-dir "$work" --epochs 2 >/dev/null

# The reference agent, built here with the JDK's own javac and jar.
mkdir -p "$work/noop/noop"
cat >"$work/noop/noop/NoopAgent.java" <<'JAVA'
package noop;
public final class NoopAgent {
  public static void premain(String argument, java.lang.instrument.Instrumentation instrumentation) {
    instrumentation.addTransformer(new java.lang.instrument.ClassFileTransformer() {
      @Override
      public byte[] transform(ClassLoader loader, String name, Class<?> redefined,
          java.security.ProtectionDomain domain, byte[] bytes) {
        return null;
      }
    });
  }
}
JAVA
javac_bin=$(dirname "$(readlink -f "$(command -v "$java_bin")")")/javac
jar_bin=$(dirname "$javac_bin")/jar
"$javac_bin" --release 11 -d "$work/noop" "$work/noop/noop/NoopAgent.java"
printf 'Premain-Class: noop.NoopAgent\n' >"$work/noop/manifest.txt"
"$jar_bin" cfm "$work/noop-agent.jar" "$work/noop/manifest.txt" -C "$work/noop" noop

names=("no agent" "disabled by the flag" "enabled, target never loaded" "enabled, target loaded"
  "... and a real upload" "an agent that does nothing")
agent=("-javaagent:$agent_jar=$work/oss-agent.properties")
args_for() {
  case $1 in
    0) ;;
    1) printf '%s\n' -Dossagent.enabled=false "${agent[@]}" ;;
    2) printf '%s\n' -Dossagent.target.class=com.example.NeverLoaded "${agent[@]}" ;;
    3|4) printf '%s\n' "${agent[@]}" ;;
    5) printf '%s\n' "-javaagent:$work/noop-agent.jar" ;;
  esac
}

TIMEFORMAT='%3R %3U %3S'
run_once() {
  local setup=$1 wall user sys
  mapfile -t jvm_args < <(args_for "$setup")
  local data_dir=$work
  [[ $setup == 3 ]] && data_dir=$work/empty
  { time (cd "$data_dir" && "$java_bin" "${jvm_args[@]}" -jar "$trainer_jar" --data-dir "$data_dir" --noop \
    >"$work/out.txt" 2>"$work/err.txt"); } 2>"$work/time.txt" \
    || { echo "run failed (${names[$setup]}):" >&2; cat "$work/err.txt" >&2; exit 1; }
  read -r wall user sys <"$work/time.txt"
  awk -v w="$wall" 'BEGIN { printf "%d\n", w * 1000 }' >>"$work/times-$setup"
  awk -v u="$user" -v s="$sys" 'BEGIN { printf "%d\n", (u + s) * 1000 }' >>"$work/cpu-$setup"
  if [[ $setup == 4 ]] && ! grep -q "uploaded cloud-training/training-data/training_episodes.json" "$work/err.txt"; then
    echo "the upload did not happen:" >&2; cat "$work/err.txt" >&2; exit 1
  fi
}

setups=(0 5 1 2 3 4)
for setup in "${setups[@]}"; do run_once "$setup"; done   # warm the file cache; not counted
rm -f "$work"/times-* "$work"/cpu-*
for ((i = 1; i <= runs; i++)); do
  for setup in "${setups[@]}"; do run_once "$setup"; done
done

echo
echo "demo trainer --noop, $runs runs each; wall time in ms (ratio: of medians, to no agent);"
echo "cpu: user + system time of the JVM, ms, median (less sensitive to other load on the machine)"
printf '| %-30s | %6s | %6s | %6s | %5s | %6s |\n' setup median min max ratio cpu
printf '|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..32})" "--------" "--------" "--------" "-------" "--------"
base=""
for setup in "${setups[@]}"; do
  read -r median min max < <(stats <"$work/times-$setup")
  read -r cpu _ _ < <(stats <"$work/cpu-$setup")
  [[ -z $base ]] && base=$median
  printf '| %-30s | %6s | %6s | %6s | %5s | %6s |\n' "${names[$setup]}" "$median" "$min" "$max" \
    "$(awk -v a="$median" -v b="$base" 'BEGIN { printf "%.2f", a / b }')" "$cpu"
done
