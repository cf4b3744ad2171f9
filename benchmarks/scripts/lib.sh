# Shared by the side-by-side scripts (sourced, from the repository root): the built jar, tool checks, a scratch
# folder removed on exit with every background job, free ports and polling.

# require_jar <path>: the script's jar, or a hint to build it
require_jar() {
  [[ -f $1 ]] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
}

# require_tools <tool...>: each on PATH (or an absolute path that exists)
require_tools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$tool missing (../shared/peers/install.sh installs the peers)" >&2; exit 1; }
  done
}

# scratch: sets $work to a fresh folder, removed with every background job when the script exits
scratch() {
  work=$(mktemp -d)
  trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# wait_for <seconds-limit> <command...>: polls every 50 ms until the command succeeds; fails after the limit
wait_for() {
  local limit=$1; shift
  local deadline=$(( $(date +%s) + limit ))
  until "$@"; do
    (( $(date +%s) < deadline )) || { echo "gave up after ${limit}s waiting for: $*" >&2; return 1; }
    sleep 0.05
  done
}

listening() { nc -z 127.0.0.1 "$1" 2>/dev/null; }
