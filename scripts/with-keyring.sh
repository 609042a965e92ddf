#!/usr/bin/env bash
# Runs CMD with a usable Secret Service, the OS keychain keytar uses on Linux.
#
#   bash scripts/with-keyring.sh npx vitest run test/integration/vault
#
# When the current session already has a Secret Service (a desktop login), CMD runs as it is.
# Otherwise CMD runs inside a private D-Bus session (dbus-run-session) in which gnome-keyring is
# started and unlocked with an empty password (a newline on stdin): what CI and headless build
# machines need for the real-keychain tests. The private session, and the keyring daemon with it,
# end when CMD ends; CMD's exit status is passed through.
#
# Where the private keyring keeps its file:
#   default                a fresh temporary folder, deleted afterwards. Two private sessions must never
#                          share a keyring file: each daemon rewrites the whole file and reloads it when
#                          another daemon wrote it, so concurrent runs (parallel CI jobs, a test run next
#                          to a running app) silently lose each other's entries.
#   WITH_KEYRING_PERSIST=1 the user's normal keyring folder (~/.local/share/keyrings), so keys survive
#                          the session: for running the app itself on a headless machine. Do not run
#                          two such sessions at the same time.
#
# Needs: dbus (dbus-run-session, dbus-send) and gnome-keyring.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: scripts/with-keyring.sh CMD [ARGS...]" >&2
  exit 64
fi

secret_service_reachable() {
  [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || return 1
  command -v dbus-send >/dev/null 2>&1 || return 1
  dbus-send --session --print-reply --reply-timeout=3000 --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'
}

if [ "${WITH_KEYRING_INNER:-}" = "1" ]; then
  # Inside the private session.
  unset WITH_KEYRING_INNER
  keyring_home=""
  if [ "${WITH_KEYRING_PERSIST:-}" != "1" ]; then
    keyring_home="$(mktemp -d "${TMPDIR:-/tmp}/with-keyring.XXXXXX")"
    trap 'rm -rf "$keyring_home"' EXIT
  fi
  # Only the daemon sees the private data folder; CMD keeps the caller's environment.
  if ! out="$(echo '' | if [ -n "$keyring_home" ]; then XDG_DATA_HOME="$keyring_home" gnome-keyring-daemon --unlock --components=secrets; else gnome-keyring-daemon --unlock --components=secrets; fi)"; then
    echo "with-keyring: gnome-keyring-daemon could not start or unlock the keyring" >&2
    exit 69
  fi
  while IFS= read -r line; do
    case "$line" in
      [A-Z_]*=*) export "${line?}" ;;
    esac
  done <<< "$out"
  if [ -z "$keyring_home" ]; then
    exec "$@"
  fi
  # Not exec: the temporary keyring folder is removed by the EXIT trap once CMD has finished.
  set +e
  "$@"
  status=$?
  set -e
  exit "$status"
fi

if secret_service_reachable; then
  exec "$@"
fi

for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "with-keyring: '$tool' is missing. Install the keychain for tests: apt-get install dbus gnome-keyring libsecret-1-0" >&2
    exit 69
  fi
done

WITH_KEYRING_INNER=1 exec dbus-run-session -- bash "${BASH_SOURCE[0]}" "$@"
