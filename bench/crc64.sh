#!/usr/bin/env bash
# CRC-64/ECMA throughput: the agent's Crc64 (slice-by-8, three lanes) against the SDK's CRC64, both from the shaded jar
# (bench/Crc64Bench.java, run as a source file). Usage: bench/crc64.sh [MIB_PER_ROUND] [ROUNDS] [BLOCK_KIB]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
build_if_needed
machine
"$java_bin" -cp "$agent_jar" "$root/bench/Crc64Bench.java" "$@"
