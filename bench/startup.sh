#!/usr/bin/env bash
# Startup cost of the agent: wall time of the demo trainer's --noop run (the train class loads at
# once and train() returns the model path without training) in these setups, RUNS times each
# (default 15), interleaved so that a change in the machine's load hits every setup alike.
#
#   no agent                      java -jar demo-trainer.jar --noop
#   an agent that does nothing    reference: a premain that adds a no-op ClassFileTransformer (the
#                                 JVM's own cost of any -javaagent: its jar, java.instrument, the
#                                 reflective premain call)
#   a plain Byte Buddy agent      reference: a raw ClassFileTransformer that weaves train with Byte
#                                 Buddy's Advice the way its documentation shows (redefine, default
#                                 settings, a TypePool over the class loader) and nothing else
#   disabled by the flag          -javaagent:oss-agent.jar=... -Dossagent.enabled=false
#   enabled, target never loaded  ossagent.target.class names a class this JVM never loads
#   enabled, target loaded        train() is woven and returns the path of files that --noop never
#                                 wrote: the issue's no-op case, planning finds nothing to send. Every run
#                                 but the first finds the class in the weave cache (the state dir), as a
#                                 trainer's second and later runs do
#   ... first run (no cache)      the same with ossagent.weave-cache=false: every run weaves with Byte
#                                 Buddy, as a trainer's first run does
#   ... and a real upload         train() is woven, and the three files the demo
#                                 trainer wrote beforehand (23 KiB) are uploaded to a local-oss on
#                                 loopback before the JVM exits
#   touched after 1.5 s of CPU    a launcher that first keeps its thread busy for 1.5 s of CPU time
#                                 (as a framework's start-up would), then runs the demo trainer's main
#                                 (--noop): with no agent, the agent that does nothing, and ours (with
#                                 the weave cache, and without it: the warm-up thread's case)
#
# The two reference agents and the launcher are built here with the JDK's javac and jar (the plain Byte
# Buddy agent against the byte-buddy jar the build put in the local Maven repository).
# Prints median, min and max in milliseconds and the ratio of medians to "no agent", and the ratios the
# agent's goals name.
# Usage: bench/startup.sh [RUNS]      JAVA=/path/to/java bench/startup.sh   for another JDK
#        SETUPS='0 5 6 1 2 3 7 8 9' bench/startup.sh   only those rows (numbers as in args_for)
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

# The plain Byte Buddy agent: Advice on train behind a raw transformer, Byte Buddy's defaults.
bb_version=$(sed -n 's|.*<byte-buddy.version>\(.*\)</byte-buddy.version>.*|\1|p' "$root/pom.xml")
bb_jar=${MAVEN_REPO:-$HOME/.m2/repository}/net/bytebuddy/byte-buddy/$bb_version/byte-buddy-$bb_version.jar
[[ -f $bb_jar ]] || { echo "no $bb_jar: build the project once (mvn -B -DskipTests package)" >&2; exit 1; }
mkdir -p "$work/plain/plain"
cp "$bb_jar" "$work/byte-buddy.jar"
cat >"$work/plain/plain/PlainAgent.java" <<'JAVA'
package plain;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.pool.TypePool;

public final class PlainAgent {
  public static void premain(String target, Instrumentation instrumentation) {
    instrumentation.addTransformer(new ClassFileTransformer() {
      @Override
      public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
        if (!target.equals(name)) {
          return null;
        }
        String binaryName = name.replace('/', '.');
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(binaryName, bytes),
            ClassFileLocator.ForClassLoader.of(loader));
        TypeDescription type = TypePool.Default.of(locator).describe(binaryName).resolve();
        byte[] woven = new ByteBuddy().redefine(type, locator)
            .visit(Advice.to(PlainAdvice.class).on(ElementMatchers.named("train")))
            .make().getBytes();
        System.err.println("plain agent: woven " + binaryName);
        return woven;
      }
    });
  }

  public static final class PlainAdvice {
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned) {
      if (returned == null) {
        System.err.println("plain agent: train returned null");
      }
    }
  }
}
JAVA
"$javac_bin" --release 11 -cp "$bb_jar" -d "$work/plain" "$work/plain/plain/PlainAgent.java"
printf 'Premain-Class: plain.PlainAgent\nClass-Path: byte-buddy.jar\n' >"$work/plain/manifest.txt"
"$jar_bin" cfm "$work/plain-agent.jar" "$work/plain/manifest.txt" -C "$work/plain" plain

# The launcher that works 1.5 s of CPU before it first touches the trainer.
mkdir -p "$work/launcher/launch"
cat >"$work/launcher/launch/BusyThenTrain.java" <<'JAVA'
package launch;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

public final class BusyThenTrain {
  public static void main(String[] args) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long until = threads.getCurrentThreadCpuTime() + 1_500_000_000L;
    Map<String, Integer> work = new HashMap<>();
    long rounds = 0;
    while (threads.getCurrentThreadCpuTime() < until) {
      for (int i = 0; i < 10_000; i++) {
        work.merge(Integer.toString((int) (rounds * 31 + i) % 4096), i, Integer::sum);
      }
      rounds++;
    }
    if (work.size() != 4096) {
      throw new AssertionError(work.size());
    }
    Class.forName("dev.ossagent.demo.DemoTrainerMain").getMethod("main", String[].class).invoke(null, (Object) args);
  }
}
JAVA
"$javac_bin" --release 11 -d "$work/launcher" "$work/launcher/launch/BusyThenTrain.java"

names=("no agent" "disabled by the flag" "enabled, target never loaded" "enabled, target loaded"
  "... and a real upload" "an agent that does nothing" "a plain Byte Buddy agent"
  "1.5 s CPU, then train: no agent" "1.5 s CPU, then train: agent doing nothing"
  "1.5 s CPU, then train: ours"
  "enabled, target loaded, no weave cache" "1.5 s CPU, then train: ours, no cache")
agent=("-javaagent:$agent_jar=$work/oss-agent.properties")
noop_agent=("-javaagent:$work/noop-agent.jar")
launcher=(-cp "$work/launcher:$trainer_jar" launch.BusyThenTrain)
args_for() {
  case $1 in
    0) printf '%s\n' -jar "$trainer_jar" ;;
    1) printf '%s\n' -Dossagent.enabled=false "${agent[@]}" -jar "$trainer_jar" ;;
    2) printf '%s\n' -Dossagent.target.class=com.example.NeverLoaded "${agent[@]}" -jar "$trainer_jar" ;;
    3|4) printf '%s\n' "${agent[@]}" -jar "$trainer_jar" ;;
    5) printf '%s\n' "${noop_agent[@]}" -jar "$trainer_jar" ;;
    6) printf '%s\n' "-javaagent:$work/plain-agent.jar=dev/ossagent/demo/DemoTrainer" -jar "$trainer_jar" ;;
    7) printf '%s\n' "${launcher[@]}" ;;
    8) printf '%s\n' "${noop_agent[@]}" "${launcher[@]}" ;;
    9) printf '%s\n' "${agent[@]}" "${launcher[@]}" ;;
    10) printf '%s\n' -Dossagent.weave-cache=false "${agent[@]}" -jar "$trainer_jar" ;;
    11) printf '%s\n' -Dossagent.weave-cache=false "${agent[@]}" "${launcher[@]}" ;;
  esac
}

TIMEFORMAT='%3R %3U %3S'
run_once() {
  local setup=$1 wall user sys
  mapfile -t jvm_args < <(args_for "$setup")
  local data_dir=$work
  [[ $setup =~ ^(3|9|10|11)$ ]] && data_dir=$work/empty
  { time (cd "$data_dir" && "$java_bin" "${jvm_args[@]}" --data-dir "$data_dir" --noop \
    >"$work/out.txt" 2>"$work/err.txt"); } 2>"$work/time.txt" \
    || { echo "run failed (${names[$setup]}):" >&2; cat "$work/err.txt" >&2; exit 1; }
  read -r wall user sys <"$work/time.txt"
  awk -v w="$wall" 'BEGIN { printf "%d\n", w * 1000 }' >>"$work/times-$setup"
  awk -v u="$user" -v s="$sys" 'BEGIN { printf "%d\n", (u + s) * 1000 }' >>"$work/cpu-$setup"
  local woven="[oss-agent] instrumented dev.ossagent.demo.DemoTrainer#train"
  [[ $setup == 6 ]] && woven="plain agent: woven dev.ossagent.demo.DemoTrainer"
  if [[ $setup =~ ^(3|4|6|9|10|11)$ ]] && ! grep -qF "$woven" "$work/err.txt"; then
    echo "not woven (${names[$setup]}):" >&2; cat "$work/err.txt" >&2; exit 1
  fi
  if [[ $setup == 4 ]] && ! grep -q "uploaded cloud-training/training-data/training_episodes.json" "$work/err.txt"; then
    echo "the upload did not happen:" >&2; cat "$work/err.txt" >&2; exit 1
  fi
}

# SETUPS picks rows by number (as in args_for), e.g. SETUPS='0 5 6 1 2 3' for the quick ones.
read -r -a setups <<<"${SETUPS:-0 5 6 1 2 3 10 4 7 8 9 11}"
for setup in "${setups[@]}"; do run_once "$setup"; done   # warm the file cache; not counted
rm -f "$work"/times-* "$work"/cpu-*
for ((i = 1; i <= runs; i++)); do
  for setup in "${setups[@]}"; do run_once "$setup"; done
done

echo
echo "demo trainer --noop, $runs runs each; wall time in ms (ratio: of medians, to no agent);"
echo "cpu: user + system time of the JVM, ms, median (less sensitive to other load on the machine)"
printf '| %-42s | %6s | %6s | %6s | %5s | %6s |\n' setup median min max ratio cpu
printf '|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..44})" "--------" "--------" "--------" "-------" "--------"
base=""
for setup in "${setups[@]}"; do
  read -r median min max < <(stats <"$work/times-$setup")
  read -r cpu _ _ < <(stats <"$work/cpu-$setup")
  [[ -z $base ]] && base=$median
  printf '| %-42s | %6s | %6s | %6s | %5s | %6s |\n' "${names[$setup]}" "$median" "$min" "$max" \
    "$(awk -v a="$median" -v b="$base" 'BEGIN { printf "%.2f", a / b }')" "$cpu"
done

# The agent's goals, as ratios of the medians above.
median_of() { stats <"$work/times-$1" | cut -d' ' -f1; }
goal() {
  [[ -s $work/times-$2 && -s $work/times-$3 ]] || return 0
  printf '%-58s %5s  (goal %s %s)\n' "$1" "$(awk -v a="$(median_of "$2")" -v b="$(median_of "$3")" \
    'BEGIN { printf "%.2f", a / b }')" "$4" "$5"
}
echo
goal "disabled / agent that does nothing" 1 5 "<=" 1.10
goal "target never loaded / agent that does nothing" 2 5 "<=" 1.15
goal "target loaded / plain Byte Buddy agent" 3 6 "<=" 0.60
goal "  the same, first run (no weave cache)" 10 6 "<=" 0.60
goal "touched after 1.5 s CPU: ours / agent that does nothing" 9 8 "<=" 1.10
goal "  the same, first run (no weave cache)" 11 8 "<=" 1.10
