#!/usr/bin/env bash
# Used by bench/workloads/slurm.py: runs a command (sluice run --json) against the Slurm of SLURM_CONF after emptying
# the file the counting squeue wrapper appends a line to per call, then prints
# {"squeue_calls": N, "run": <the command's JSON>} on standard output. Exits with the command's exit code.
#   slurm_counted.sh CALLS_FILE SLURM_CONF COMMAND...
set -uo pipefail
calls="$1"
export SLURM_CONF="$2"
shift 2
: >"$calls"
out="$("$@")"
code=$?
printf '{"squeue_calls": %d, "run": %s}\n' "$(wc -l <"$calls")" "${out:-null}"
exit "$code"
