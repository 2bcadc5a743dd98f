#!/usr/bin/env bash
# Runs sdk_replay.py with only the environment `sluice env` prints for the server at URL (the sluice command is
# $SLUICE, else the repository's ./sluice). Usage: sdk_replay.sh URL
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
sluice="${SLUICE:-$here/../../sluice}"
folder="$(mktemp -d)"
trap 'rm -rf "$folder"' EXIT
printf 'python: python3\n' > "$folder/none.yaml"
# Nothing of the caller's AWS setup: a clean environment, and no shared config or credentials files.
env -i PATH="$PATH" HOME="$HOME" ${PYENV_ROOT:+PYENV_ROOT="$PYENV_ROOT"} AWS_CONFIG_FILE="$folder/no-config" \
  AWS_SHARED_CREDENTIALS_FILE="$folder/no-credentials" bash -c '
  set -euo pipefail
  eval "$("$1" env --endpoint "$2" --sdk-config "$3/sagemaker-config.yaml" --config "$3/none.yaml")"
  exec python3 "$4"
' _ "$sluice" "$1" "$folder" "$here/sdk_replay.py"
