#!/usr/bin/env bash
# A local Neo4j Community 5.26 server for development and tests, built from Maven Central by the
# Maven project in tools/neo4j/ (downloads are cached in ~/.m2; nothing else is fetched).
#
#   tools/neo4j.sh start     build if needed, start in the background, wait until Bolt answers,
#                            print NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD lines on stdout
#   tools/neo4j.sh stop      stop cleanly and wait (SIGTERM; SIGKILL after NEO4J_STOP_TIMEOUT s)
#   tools/neo4j.sh status    say whether it runs (exit 0) or not (exit 1)
#   tools/neo4j.sh env       print the NEO4J_* lines of the running server
#   tools/neo4j.sh run CMD…  start a separate, fresh test server, run CMD with NEO4J_* exported,
#                            always stop the server, exit with CMD's status
#
# Use the lines with `export $(tools/neo4j.sh env)` or `env $(tools/neo4j.sh env) CMD`.
# Exit 3: Java 17+ or Maven is missing (callers outside CI may skip the Neo4j tests on it; in CI as
# root the script installs Debian's packages first).
# `run` outside CI runs CMD without Neo4j on exit 3; with CI=true that is a failure.
#
# State lives in .neo4j/ (git-ignored): INSTANCE/{pid,port,password,server.log,home/}, where
# INSTANCE is "server" for start/stop/env and "test" for run.
# Settings: NEO4J_PORT (default 0: a free port), NEO4J_JAVA_OPTS (default -Xms256m -Xmx1g),
# NEO4J_PAGECACHE_MB (default 256), NEO4J_START_TIMEOUT (default 300 s), NEO4J_STOP_TIMEOUT (60 s).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOOL=$ROOT/tools/neo4j
JAR=$TOOL/target/neo4j-local.jar
STATE=$ROOT/.neo4j
INSTANCE=server

say() { echo "neo4j.sh: $*" >&2; }
inst() { echo "$STATE/$INSTANCE"; }

java_major() {
    # `java -version` prints e.g. openjdk version "17.0.15" 2025-04-15 (or "1.8.0_402" before 9).
    local v
    v=$(java -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
    v=${v#1.}
    echo "${v%%[.+-]*}"
}

# In CI as root, a machine without Java 17+ or Maven gets Debian's packages (outside CI: exit 3).
install_tools_in_ci() {
    [[ ${CI:-} == true && $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1 || return 0
    local major=0
    command -v java >/dev/null 2>&1 && major=$(java_major)
    if [[ $major =~ ^[0-9]+$ ]] && ((major >= 17)) && command -v mvn >/dev/null 2>&1; then
        return 0
    fi
    say "CI: installing Debian's openjdk-17-jdk-headless and maven with apt-get"
    apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends openjdk-17-jdk-headless maven >&2
}

require_tools() {
    install_tools_in_ci
    if ! command -v java >/dev/null 2>&1; then
        say "Java is not installed (Neo4j 5.26 needs Java 17 or 21; Debian: apt-get install openjdk-17-jdk-headless)"
        exit 3
    fi
    local major
    major=$(java_major)
    if ! [[ $major =~ ^[0-9]+$ ]] || ((major < 17)); then
        say "Java ${major:-?} found; Neo4j 5.26 needs Java 17 or 21"
        exit 3
    fi
    if needs_build && ! command -v mvn >/dev/null 2>&1; then
        say "Maven is not installed; it builds the Neo4j server in tools/neo4j (Debian: apt-get install maven)"
        exit 3
    fi
}

needs_build() {
    [[ ! -f $JAR ]] || [[ -n $(find "$TOOL/pom.xml" "$TOOL/src" -newer "$JAR" -print -quit) ]]
}

build() {
    needs_build || return 0
    mkdir -p "$STATE"
    say "building the Neo4j server in tools/neo4j (the first build downloads ~250 MB from Maven Central into ~/.m2)"
    local t0=$SECONDS
    if ! (cd "$TOOL" && mvn -B -q package) >"$STATE/build.log" 2>&1; then
        say "the Maven build failed (tools/neo4j); last lines of $STATE/build.log:"
        tail -n 40 "$STATE/build.log" >&2
        exit 1
    fi
    say "built in $((SECONDS - t0)) s"
}

# The pid of our server for the current instance, if it runs.
running_pid() {
    local pidfile pid
    pidfile=$(inst)/pid
    [[ -f $pidfile ]] || return 1
    pid=$(<"$pidfile")
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    # The pid must still be our java process (not a recycled pid).
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "--home $(inst)/home" || return 1
    echo "$pid"
}

# True when a Bolt handshake on the port gets a protocol version back (Bolt 5.4–5.8 or 4.4 offered).
bolt_answers() {
    local reply
    reply=$(timeout 5 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" &&
        printf "\x60\x60\xb0\x17\x00\x04\x08\x05\x00\x00\x04\x04\x00\x00\x00\x00\x00\x00\x00\x00" >&3 &&
        head -c 4 <&3 | od -An -tx1' _ "$1" 2>/dev/null | tr -d ' \n') || return 1
    [[ ${#reply} == 8 && $reply != 00000000 ]]
}

print_env() {
    local dir
    dir=$(inst)
    echo "NEO4J_URI=neo4j://127.0.0.1:$(<"$dir/port")"
    echo "NEO4J_USER=neo4j"
    echo "NEO4J_PASSWORD=$(<"$dir/password")"
}

fail_start() {
    local dir
    dir=$(inst)
    say "$1; last lines of $dir/server.log:"
    tail -n 30 "$dir/server.log" >&2 || true
    if [[ -f $dir/home/logs/debug.log ]]; then
        say "last errors in $dir/home/logs/debug.log:"
        grep -E ' ERROR ' "$dir/home/logs/debug.log" | tail -n 5 >&2 || true
    fi
    exit 1
}

cmd_start() {
    local dir pid timeout=${NEO4J_START_TIMEOUT:-300} t0=$SECONDS
    dir=$(inst)
    if pid=$(running_pid) && [[ -s $dir/port ]] && bolt_answers "$(<"$dir/port")"; then
        say "already running (pid $pid)"
        print_env
        return 0
    fi
    require_tools
    build
    mkdir -p "$dir"
    chmod 700 "$STATE" "$dir"
    if [[ ! -s $dir/password ]]; then
        (umask 077 && od -An -N18 -tx1 /dev/urandom | tr -d ' \n' >"$dir/password")
    fi
    rm -f "$dir/pid" "$dir/port"
    # shellcheck disable=SC2086  # NEO4J_JAVA_OPTS is a list of options
    nohup java ${NEO4J_JAVA_OPTS:--Xms256m -Xmx1g} -jar "$JAR" \
        --home "$dir/home" --password-file "$dir/password" --port-file "$dir/port" \
        --port "${NEO4J_PORT:-0}" --pagecache-mb "${NEO4J_PAGECACHE_MB:-256}" \
        </dev/null >"$dir/server.log" 2>&1 &
    pid=$!
    echo "$pid" >"$dir/pid"
    while :; do
        kill -0 "$pid" 2>/dev/null || { rm -f "$dir/pid"; fail_start "the server exited during start-up"; }
        if [[ -s $dir/port ]] && bolt_answers "$(<"$dir/port")"; then
            break
        fi
        if ((SECONDS - t0 >= timeout)); then
            kill -TERM "$pid" 2>/dev/null || true
            fail_start "Bolt did not answer within $timeout s (NEO4J_START_TIMEOUT); the server was stopped"
        fi
        sleep 0.5
    done
    say "Neo4j is running (pid $pid, $(grep -o 'Neo4j [0-9.]*' "$dir/server.log" | head -n 1), started in $((SECONDS - t0)) s)"
    print_env
}

cmd_stop() {
    local dir pid timeout=${NEO4J_STOP_TIMEOUT:-60} t0=$SECONDS
    dir=$(inst)
    if ! pid=$(running_pid); then
        say "not running"
        rm -f "$dir/pid" "$dir/port"
        return 0
    fi
    kill -TERM "$pid"
    while kill -0 "$pid" 2>/dev/null; do
        if ((SECONDS - t0 >= timeout)); then
            say "no clean stop within $timeout s; killing pid $pid"
            kill -KILL "$pid" 2>/dev/null || true
            break
        fi
        sleep 0.2
    done
    rm -f "$dir/pid" "$dir/port"
    say "stopped (pid $pid, in $((SECONDS - t0)) s)"
}

cmd_status() {
    local dir pid
    dir=$(inst)
    if pid=$(running_pid) && [[ -s $dir/port ]]; then
        if bolt_answers "$(<"$dir/port")"; then
            say "running (pid $pid, bolt on 127.0.0.1:$(<"$dir/port"))"
        else
            say "running (pid $pid), but Bolt does not answer on 127.0.0.1:$(<"$dir/port")"
        fi
        return 0
    fi
    say "not running"
    return 1
}

cmd_env() {
    local dir
    dir=$(inst)
    if running_pid >/dev/null && [[ -s $dir/port ]]; then
        print_env
    else
        say "not running; start it with: tools/neo4j.sh start"
        return 1
    fi
}

cmd_run() {
    (($# > 0)) || { say "usage: tools/neo4j.sh run CMD [ARG…]"; exit 2; }
    INSTANCE=test
    local envlines rc=0
    cmd_stop 2>/dev/null # a test server left over from an interrupted run
    rm -rf "$(inst)/home" # every run starts from an empty database
    envlines=$(cmd_start) || rc=$?
    if ((rc != 0)); then
        if ((rc == 3)) && [[ ${CI:-} != true ]]; then
            say "running without Neo4j: its tests skip with the reason"
            "$@"
            return
        fi
        say "no Neo4j server for the tests (exit $rc)"
        exit "$rc"
    fi
    # shellcheck disable=SC2046  # KEY=value lines without spaces
    export $envlines
    trap 'cmd_stop' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    "$@" || rc=$?
    exit "$rc"
}

case ${1:-} in
start) cmd_start ;;
stop) cmd_stop ;;
status) cmd_status ;;
env) cmd_env ;;
run) shift && cmd_run "$@" ;;
*)
    echo "usage: tools/neo4j.sh start|stop|status|env|run CMD…" >&2
    exit 2
    ;;
esac
