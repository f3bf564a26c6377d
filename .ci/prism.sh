#!/usr/bin/env bash
# Prism (@stoplight/prism-cli) mock servers for the conformance test in
# tests/suite/prism.rs. Run it with bash from anywhere inside the repository:
#
#   bash .ci/prism.sh install              # npm install into .ci/node_modules (no-op when present)
#   bash .ci/prism.sh start static  4010   # prism mock on 127.0.0.1:4010
#   bash .ci/prism.sh start dynamic 4011   # prism mock --dynamic on 127.0.0.1:4011
#   bash .ci/prism.sh stop                 # stop every server this script started
#
# `start` installs first, runs the server in the background in its own process
# group, records its pid and log under target/prism/ (git-ignored), and waits
# until it answers HTTP (PRISM_START_TIMEOUT seconds, default 60). On failure it
# prints the log and exits non-zero. The servers listen on loopback only.
#
# Then: PRISM_URL=http://127.0.0.1:4010 PRISM_DYNAMIC_URL=http://127.0.0.1:4011 \
#       cargo test --test suite -- prism:: --nocapture

prism_main() (
    set -euo pipefail

    local version=5.16.0
    local root
    root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
    cd "$root"
    local prism=.ci/node_modules/.bin/prism
    local state=target/prism
    # The scarf package in Prism's tree would report the install; npm 11 does
    # not run its install script anyway, but other npm versions might.
    export SCARF_ANALYTICS=false

    install() {
        if [[ -x $prism ]] && [[ "$("$prism" --version 2>/dev/null)" == "$version" ]]; then
            return 0
        fi
        command -v npm >/dev/null || { echo "prism.sh: npm is not installed" >&2; return 1; }
        echo "prism.sh: installing @stoplight/prism-cli@$version into .ci/node_modules"
        local started=$SECONDS
        # Prism 5.16 declares node >= 24.18 but runs on node 20; silence the
        # engine warnings and say it once.
        npm install --prefix .ci --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
            "@stoplight/prism-cli@$version"
        local got
        got="$("$prism" --version)"
        [[ $got == "$version" ]] || { echo "prism.sh: installed prism reports version $got, not $version" >&2; return 1; }
        echo "prism.sh: prism $got installed in $((SECONDS - started)) s (node $(node --version))"
    }

    # The pid recorded for MODE, if that process is still our prism.
    live_pid() {
        local file=$state/$1.pid pid
        [[ -f $file ]] || return 1
        pid="$(<"$file")"
        [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
        tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'prism mock' || return 1
        echo "$pid"
    }

    stop_one() {
        local mode=$1 pid
        if pid="$(live_pid "$mode")"; then
            # The server leads its own process group (setsid): end the group.
            kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
            for _ in $(seq 50); do
                kill -0 "$pid" 2>/dev/null || break
                sleep 0.1
            done
            if kill -0 "$pid" 2>/dev/null; then
                kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
            fi
            echo "prism.sh: stopped $mode server (pid $pid)"
        fi
        rm -f "$state/$mode.pid" "$state/$mode.port"
    }

    start() {
        local mode=${1:-} port=${2:-}
        local flags=()
        case $mode in
            static) ;;
            dynamic) flags=(--dynamic) ;;
            *) echo "prism.sh: start needs a mode, static or dynamic" >&2; return 2 ;;
        esac
        [[ $port =~ ^[0-9]+$ ]] || { echo "prism.sh: start $mode needs a port number" >&2; return 2; }
        install
        mkdir -p "$state"
        stop_one "$mode"
        local log=$state/$mode.log url=http://127.0.0.1:$port
        if curl -s -o /dev/null --max-time 2 "$url/"; then
            echo "prism.sh: something already listens on 127.0.0.1:$port" >&2
            return 1
        fi
        # Not a process-group leader here, so setsid execs in place and $! is
        # prism's own pid, leading a group of its own.
        setsid "$prism" mock -h 127.0.0.1 -p "$port" "${flags[@]}" spec/openapi.yaml \
            </dev/null >"$log" 2>&1 &
        local pid=$!
        echo "$pid" >"$state/$mode.pid"
        echo "$port" >"$state/$mode.port"
        local timeout=${PRISM_START_TIMEOUT:-60} started=$SECONDS code
        while :; do
            # Any HTTP status means it is up (401 here: no API key sent).
            code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url/models" || true)"
            if [[ $code != 000 && -n $code ]]; then
                echo "prism.sh: $mode server up at $url (pid $pid, $((SECONDS - started)) s, log $log)"
                return 0
            fi
            if ! kill -0 "$pid" 2>/dev/null; then
                echo "prism.sh: the $mode server exited before answering; its log:" >&2
                cat "$log" >&2
                rm -f "$state/$mode.pid" "$state/$mode.port"
                return 1
            fi
            if ((SECONDS - started >= timeout)); then
                echo "prism.sh: the $mode server did not answer at $url within $timeout s; its log:" >&2
                cat "$log" >&2
                stop_one "$mode"
                return 1
            fi
            sleep 0.5
        done
    }

    stop() {
        local mode
        if [[ $# -gt 0 ]]; then
            for mode in "$@"; do stop_one "$mode"; done
        else
            for mode in static dynamic; do stop_one "$mode"; done
        fi
    }

    case ${1:-} in
        install) install ;;
        start) shift; start "$@" ;;
        stop) shift; stop "$@" ;;
        *)
            echo "usage: bash .ci/prism.sh install | start static|dynamic PORT | stop [static|dynamic]" >&2
            return 2
            ;;
    esac
)

prism_main "$@"
