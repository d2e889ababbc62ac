#!/usr/bin/env bash
# The real-keychain suite: test/keychain/*.test.js inside a private D-Bus session with an
# unlocked gnome-keyring (a real Secret Service, as on a desktop), in a scratch HOME so the
# operator's own keyring is never touched. test/run.js calls this after the main suites.
# Needs: dbus (dbus-run-session), gnome-keyring, libsecret-tools (secret-tool), and keytar
# built against libsecret-1-dev. Missing any: FAIL under CI, skip with a message otherwise.
set -euo pipefail
cd "$(dirname "$0")/../.."

in_ci() { case "${CI:-}" in "" | false | 0) return 1 ;; *) return 0 ;; esac; }
give_up() {
  if in_ci; then
    echo "keychain tests: FAILED: $1 (CI must run them: apt-get install dbus gnome-keyring libsecret-tools libsecret-1-dev, then npm ci)" >&2
    exit 1
  fi
  echo "keychain tests: skipped: $1" >&2
  exit 0
}

missing=()
for c in dbus-run-session gnome-keyring-daemon secret-tool; do
  command -v "$c" >/dev/null 2>&1 || missing+=("$c")
done
[ ${#missing[@]} -eq 0 ] || give_up "missing ${missing[*]}"
node -e "require('keytar')" >/dev/null 2>&1 || give_up "keytar is not built (optional dependency; needs libsecret-1-dev at npm ci time)"

scratch="$(mktemp -d "${TMPDIR:-/tmp}/b3iq-keychain.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/home" "$scratch/run"
chmod 700 "$scratch/home" "$scratch/run"
export HOME="$scratch/home" XDG_RUNTIME_DIR="$scratch/run"
export XDG_DATA_HOME="$HOME/.local/share" XDG_CONFIG_HOME="$HOME/.config" XDG_CACHE_HOME="$HOME/.cache"
unset DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL DISPLAY B3IQ_HOME B3IQ_KEYCHAIN

echo "keychain tests: dbus-run-session + gnome-keyring (unlocked) in $scratch" >&2
status=0
dbus-run-session -- bash -c '
  set -euo pipefail
  # Create and unlock the login keyring (its password on stdin), then start the Secret Service.
  # Each prints NAME=value lines (GNOME_KEYRING_CONTROL); export exactly those, nothing else.
  for kv in $(printf %s "b3iq-ci-keyring" | gnome-keyring-daemon --unlock --components=secrets) \
            $(gnome-keyring-daemon --start --components=secrets); do
    case "$kv" in [A-Z_]*=*) export "$kv" ;; esac
  done
  # Sanity: the Secret Service answers and stores.
  printf %s probe | secret-tool store --label=b3iq-probe service b3iq-probe account probe
  [ "$(secret-tool lookup service b3iq-probe account probe)" = probe ] || { echo "keychain tests: the keyring did not store a probe" >&2; exit 1; }
  secret-tool clear service b3iq-probe account probe
  export B3IQ_KEYCHAIN_SUITE=1
  node --test --test-concurrency=1 test/keychain/*.test.js
' 2> >(grep -v -e "Failed to set fd limit" -e "discover_other_daemon" -e "Activating service name" -e "Successfully activated service" >&2) || status=$?
exit "$status"
