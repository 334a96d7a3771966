#!/usr/bin/env bash
# API fuzzing with schemathesis against the served /api/openapi.json, on a
# fresh SQLite file and on a fresh PostgreSQL database: the real `mockroom`
# binary, one registered account, its session cookie and CSRF token on every
# request, all checks on. Exits non-zero on any failure.
#
#   scripts/api-fuzz.sh [target/debug/mockroom]
#
# schemathesis is installed once into target/schemathesis (a Python venv).
# MOCKROOM_FUZZ_EXAMPLES (default 25) bounds the cases per operation; the
# whole run is bounded by MOCKROOM_FUZZ_TIMEOUT seconds per database.
# What is left out, and why, is listed in README.md ("API fuzzing").
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
binary="${1:-target/debug/mockroom}"
version="4.32.5"
venv=target/schemathesis
examples="${MOCKROOM_FUZZ_EXAMPLES:-25}"
timeout_secs="${MOCKROOM_FUZZ_TIMEOUT:-150}"
pg_url="${MOCKROOM_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}"

if ! "$venv/bin/st" --version 2>/dev/null | grep -q "$version"; then
    echo "installing schemathesis $version into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$version"
fi

work=$(mktemp -d)
server_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

fuzz() {
    local name="$1" database="$2"
    echo "== schemathesis on $name"
    MOCKROOM_DATABASE_URL="$database" MOCKROOM_BUNDLED_CONTENT=true MOCKROOM_LOG=warn \
        "$binary" serve --bind 127.0.0.1:0 >"$work/$name.out" 2>"$work/$name.err" &
    server_pid=$!
    local base=""
    for _ in $(seq 1 200); do
        base=$(sed -n 's/^Mockroom is listening on //p' "$work/$name.out")
        [ -n "$base" ] && curl -fs "$base/readyz" >/dev/null 2>&1 && break
        sleep 0.1
    done
    [ -n "$base" ] || { echo "the server did not start:" >&2; cat "$work/$name.err" >&2; return 1; }
    # One account: the owner of a team, whose cookie and CSRF token go on every request.
    curl -fs -c "$work/cookies" -H 'content-type: application/json' \
        -d '{"email":"fuzz@example.org","password":"fuzzing password","display_name":"Fuzz","team_name":"Fuzz"}' \
        "$base/api/v1/auth/register" >"$work/me.json"
    local session csrf
    session=$(awk '$6 == "mockroom_session" {print $7}' "$work/cookies")
    csrf=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["csrf_token"])' "$work/me.json")
    local status=0
    MOCKROOM_FUZZ_SESSION="$session" MOCKROOM_FUZZ_CSRF="$csrf" \
    timeout "$timeout_secs" "$venv/bin/st" --config-file scripts/schemathesis.toml run "$base/api/openapi.json" \
        --url "$base" \
        --exclude-path /api/v1/auth/logout \
        --max-examples "$examples" \
        --seed 20261201 \
        --no-color || status=$?
    kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
    server_pid=""
    if [ "$status" != 0 ]; then
        echo "schemathesis failed on $name (exit $status); server log:" >&2
        tail -n 50 "$work/$name.err" >&2
        return "$status"
    fi
}

fuzz sqlite "sqlite:$work/fuzz.db"

if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    db="fuzz_$(date +%s)_$$"
    psql "$pg_url" -qc "CREATE DATABASE $db" >/dev/null
    fuzz postgres "${pg_url%/*}/$db" || { psql "$pg_url" -qc "DROP DATABASE $db WITH (FORCE)" >/dev/null; exit 1; }
    psql "$pg_url" -qc "DROP DATABASE $db WITH (FORCE)" >/dev/null
elif [ "${CI:-}" = true ]; then
    echo "CI=true and PostgreSQL is not reachable" >&2; exit 1
else
    printf '\n\033[1;31m!!! SKIPPED schemathesis on PostgreSQL: nothing answers on 127.0.0.1:5432\033[0m\n\n' >&2
fi
echo "schemathesis: no failures"
