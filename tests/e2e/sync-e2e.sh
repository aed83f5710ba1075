#!/usr/bin/env bash
# Usage: tests/e2e/sync-e2e.sh PORTFOLIO_CLI PORTFOLIO_SERVER
#
# Sync end to end (issue C9, item 7), the way a user runs it: a fresh database
# on the test PostgreSQL server ($PT_TEST_POSTGRES_URL_FILE), portfolio-server
# on loopback, nginx in front of it terminating TLS with a self-signed
# certificate, and two portfolio-cli clients with stores of their own that
# sign in to one account through nginx (the refresh tokens in the secret
# service that scripts/with-secret-service provides).
#
#   1. Both stores make edits offline, sign in, sync (A, B, A) and end equal.
#   2. Conflicts: the same records edited on both sides, in both orders, an
#      edit against a later delete and a plain delete; after A, B, A, B both
#      stores hold the later writer's version of each record.
#   3. A pushes 20,000 imported entries (SyncEngine sends 500 a batch); after
#      two batches are stored, portfolio-server is killed with SIGKILL while it
#      holds the next batch's transaction open (seen in pg_locks), then
#      restarted: A syncs until it succeeds, then B. Nothing is lost or
#      doubled, in either store or in the server's log.
#
# Everything lives in one temporary folder, removed on exit together with every
# process started here and the database (PT_E2E_KEEP=1 keeps the folder). On a
# failure the script says what differed and prints the end of the server's,
# nginx's and the clients' logs.
set -euo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: $0 PORTFOLIO_CLI PORTFOLIO_SERVER" >&2
    exit 2
fi
cli_bin=$1
server_bin=$2
for tool in psql nginx openssl curl jq sqlite3; do
    command -v "$tool" >/dev/null || { echo "sync-e2e: $tool is not installed (scripts/install-deps)" >&2; exit 1; }
done
url_file=${PT_TEST_POSTGRES_URL_FILE:?run through ctest (the postgres fixture), or set PT_TEST_POSTGRES_URL_FILE}
postgres_url=$(<"$url_file")
# postgresql://USER@HOST:PORT/DATABASE?sslmode=disable, as scripts/postgres-test-server writes it.
if [[ ! $postgres_url =~ ^postgresql://([^@/]+)@([^:/]+):([0-9]+)/ ]]; then
    echo "sync-e2e: '$url_file' holds no postgresql://user@host:port/ URL" >&2
    exit 1
fi
pg_user=${BASH_REMATCH[1]}
pg_host=${BASH_REMATCH[2]}
pg_port=${BASH_REMATCH[3]}

work=$(mktemp -d "${TMPDIR:-/tmp}/pt-sync-e2e.XXXXXX")
database=pt_e2e_$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')
server_pid=
nginx_pid=
sync_pid=
database_made=0

# ---- failure reporting and cleanup -----------------------------------------

fail() {
    echo "sync-e2e: FAILED: $*" >&2
    exit 1
}

# Where a command failed (with -E also inside functions: the outermost line
# printed is the script's).
set -E
trap 'echo "sync-e2e: line $LINENO: \"$BASH_COMMAND\" failed" >&2' ERR

show_log() {
    local title=$1 file=$2
    [[ -s $file ]] || return 0
    echo "----- last lines of $title ($file) -----" >&2
    tail -n 40 "$file" >&2
}

stop_nginx() {
    [[ -n $nginx_pid ]] || return 0
    # TERM: the master ends its workers too (a killed master would orphan them).
    kill -TERM "$nginx_pid" 2>/dev/null || true
    for _ in $(seq 50); do
        kill -0 "$nginx_pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$nginx_pid" 2>/dev/null; then
        local worker
        for worker in $(pgrep -P "$nginx_pid" || true); do kill -KILL "$worker" 2>/dev/null || true; done
        kill -KILL "$nginx_pid" 2>/dev/null || true
    fi
    wait "$nginx_pid" 2>/dev/null || true
    nginx_pid=
}

cleanup() {
    local status=$?
    trap - ERR
    set +e
    if [[ $status -ne 0 ]]; then
        show_log "portfolio-server's log" "$work/server.log"
        show_log "nginx's error log" "$work/nginx/error.log"
        show_log "nginx's access log" "$work/nginx/access.log"
        show_log "client A's log" "$work/client-A.log"
        show_log "client B's log" "$work/client-B.log"
    fi
    for pid in $sync_pid $server_pid; do
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    stop_nginx
    if [[ $database_made -eq 1 ]]; then
        psql_admin -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1
    fi
    if [[ -n ${PT_E2E_KEEP:-} ]]; then
        echo "sync-e2e: kept $work (PT_E2E_KEEP)" >&2
    else
        rm -rf "$work"
    fi
    exit "$status"
}
trap cleanup EXIT

# ---- helpers ----------------------------------------------------------------

psql_admin() {
    PGCONNECT_TIMEOUT=10 psql -X -q -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres "$@"
}

# One value from the server's database.
server_sql() {
    PGCONNECT_TIMEOUT=10 psql -X -q -At -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U "$pg_user" \
        -d "$database" -c "$1"
}

# A free port on loopback (nothing answers a connection to it).
free_port() {
    local port
    for _ in $(seq 100); do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    fail "no free port found"
}

# portfolio-cli on store A or B: `client A tx list --json`. Each client has
# its own HOME and XDG folders; both share the secret service. The command
# line, stderr and a failure's exit status go to the client's log.
client() {
    local who=$1
    shift
    local home=$work/home-$who log=$work/client-$who.log status=0
    mkdir -p "$home"
    echo "\$ portfolio-cli $*" >>"$log"
    HOME=$home XDG_CONFIG_HOME=$home/config XDG_DATA_HOME=$home/data XDG_CACHE_HOME=$home/cache \
        "$cli_bin" --db "$work/$who.sqlite" "$@" 2>>"$log" || status=$?
    ((status == 0)) || echo "(exit status $status)" >>"$log"
    return "$status"
}

# The same as a process of its own, replacing the (sub)shell: for `&`, so
# that $! is portfolio-cli itself. Its output goes where the caller sends it.
client_exec() {
    local who=$1
    shift
    local home=$work/home-$who
    mkdir -p "$home"
    echo "\$ portfolio-cli $* &" >>"$work/client-$who.log"
    HOME=$home XDG_CONFIG_HOME=$home/config XDG_DATA_HOME=$home/data XDG_CACHE_HOME=$home/cache \
        exec "$cli_bin" --db "$work/$who.sqlite" "$@"
}

# Waits (at most $2 seconds) until `curl $1` answers 200.
wait_for_health() {
    local url=$1 seconds=$2
    for _ in $(seq $((seconds * 10))); do
        if curl -fsS --max-time 2 --cacert "$work/cert.pem" "$url" >/dev/null 2>&1; then
            return 0
        fi
        sleep 0.1
    done
    fail "$url did not answer within $seconds s"
}

start_server() {
    # Appends: the log of every run of the server stays in one file.
    "$server_bin" --config "$work/server.conf" >>"$work/server.log" 2>&1 &
    server_pid=$!
}

# The server's port: from its "listening" log line on the first start, fixed after.
server_port=
wait_for_server() {
    if [[ -z $server_port ]]; then
        for _ in $(seq 600); do
            kill -0 "$server_pid" 2>/dev/null || fail "portfolio-server exited during start-up"
            server_port=$(grep -F '"msg":"listening"' "$work/server.log" | head -n 1 | jq -r .port 2>/dev/null || true)
            [[ -n $server_port ]] && break
            sleep 0.1
        done
        [[ -n $server_port ]] || fail "portfolio-server did not log its port"
        export PT_SERVER_LISTEN_PORT=$server_port # for the restart: nginx points here
    fi
    wait_for_health "http://127.0.0.1:$server_port/healthz" 60
}

# A metric's value from /metrics (0 when absent).
metric() {
    curl -fsS --max-time 2 "http://127.0.0.1:$server_port/metrics" 2>/dev/null \
        | awk -v name="$1" '$1 == name { value = $2 } END { print value + 0 }'
}

# The whole book of a store as sorted JSON: without the export time, every
# array sorted, so record order (local ids) does not matter, content does.
book() {
    client "$1" export json | jq -S 'del(.exportedAt) | walk(if type == "array" then sort_by(tojson) else . end)'
}

# Fails, showing the difference, unless stores A and B hold the same book.
assert_same_books() {
    local when=$1
    book A >"$work/book-A.json"
    book B >"$work/book-B.json"
    if ! diff -u "$work/book-A.json" "$work/book-B.json" >"$work/book.diff"; then
        echo "----- books of A (-) and B (+) differ $when -----" >&2
        head -n 80 "$work/book.diff" >&2
        fail "stores A and B differ $when"
    fi
    client A holdings --json >"$work/holdings-A.json"
    client B holdings --json >"$work/holdings-B.json"
    if ! diff -u "$work/holdings-A.json" "$work/holdings-B.json" >&2; then
        fail "the holdings of A and B differ $when"
    fi
}

assert_equal() {
    local what=$1 expected=$2 actual=$3
    [[ $expected == "$actual" ]] || fail "$what: expected '$expected', got '$actual'"
}

# A field of one entry (by UUID) in a store, "" when the entry is not listed.
entry_field() {
    client "$1" tx list --json | jq -r --arg id "$2" --arg field "$3" \
        '.[] | select(.id == $id) | .[$field] // "" | tostring'
}

uuid_of() { grep -Eo '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}' | head -n 1; }

sync_client() {
    client "$1" sync now --ca-file "$work/cert.pem" >>"$work/client-$1.log" || fail "sync now on $1 failed"
}

# ---- 1. PostgreSQL and portfolio-server --------------------------------------

echo "sync-e2e: work folder $work"
psql_admin -c "CREATE DATABASE $database" >/dev/null
database_made=1

head -c 32 /dev/urandom >"$work/token.key"
chmod 600 "$work/token.key"
# The rate limit stays at its default (100 a minute per account and address):
# each start of the server sees fewer limited requests than that (about 25
# before the kill, 85 after it: 40 pushes of 500 and 20 pulls of 1,000
# changes among them), so the clients never meet a 429.
cat >"$work/server.conf" <<EOF
listen_address = 127.0.0.1
listen_port = 0
database_host = $pg_host
database_port = $pg_port
database_name = $database
database_user = $pg_user
database_sslmode = disable
token_key_file = $work/token.key
trusted_proxies = 127.0.0.1
worker_threads = 4
EOF
start_server
wait_for_server
echo "sync-e2e: portfolio-server on 127.0.0.1:$server_port"

# ---- 2. nginx with a self-signed certificate ---------------------------------

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
    -keyout "$work/key.pem" -out "$work/cert.pem" -subj /CN=localhost \
    -addext subjectAltName=DNS:localhost,IP:127.0.0.1 2>"$work/openssl.log" \
    || { cat "$work/openssl.log" >&2; fail "openssl could not make the certificate"; }

mkdir -p "$work/nginx/tmp"
start_nginx() {
    local port=$1
    # packaging/nginx/portfolio-server.conf, with paths and ports of this run.
    # As root, workers would otherwise run as nobody and could not reach the
    # temporary folder (request bodies over 16 KiB are buffered there).
    local user_line=
    [[ $(id -u) -eq 0 ]] && user_line="user root;"
    cat >"$work/nginx/nginx.conf" <<EOF
$user_line
daemon off;
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log info;
events { worker_connections 256; }
http {
    client_body_temp_path $work/nginx/tmp/body;
    proxy_temp_path $work/nginx/tmp/proxy;
    fastcgi_temp_path $work/nginx/tmp/fastcgi;
    uwsgi_temp_path $work/nginx/tmp/uwsgi;
    scgi_temp_path $work/nginx/tmp/scgi;
    access_log $work/nginx/access.log;

    upstream portfolio_server {
        server 127.0.0.1:$server_port;
        keepalive 32;
    }
    server {
        listen 127.0.0.1:$port ssl;
        server_name localhost;
        ssl_certificate $work/cert.pem;
        ssl_certificate_key $work/key.pem;
        ssl_protocols TLSv1.2 TLSv1.3;
        client_max_body_size 8m;
        client_body_timeout 30s;
        client_header_timeout 15s;

        location /metrics {
            deny all;
        }
        location / {
            proxy_pass http://portfolio_server;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$remote_addr;
            proxy_set_header X-Real-IP \$remote_addr;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_set_header X-Request-Id \$request_id;
            proxy_connect_timeout 5s;
            proxy_read_timeout 120s;
            proxy_send_timeout 120s;
        }
    }
}
EOF
    nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" &
    nginx_pid=$!
}

nginx_port=
for _ in 1 2 3 4 5; do
    port=$(free_port)
    start_nginx "$port"
    for _ in $(seq 50); do
        kill -0 "$nginx_pid" 2>/dev/null || break
        curl -fsS --max-time 2 --cacert "$work/cert.pem" "https://localhost:$port/healthz" >/dev/null 2>&1 \
            && { nginx_port=$port; break; }
        sleep 0.1
    done
    [[ -n $nginx_port ]] && break
    stop_nginx # most likely the port was taken in between: another one
done
[[ -n $nginx_port ]] || fail "nginx did not answer https://localhost/healthz"
echo "sync-e2e: nginx on https://localhost:$nginx_port"
# Through the proxy /metrics is refused, as packaging/nginx configures it.
assert_equal "GET /metrics through nginx" 403 \
    "$(curl -s -o /dev/null -w '%{http_code}' --cacert "$work/cert.pem" "https://localhost:$nginx_port/metrics")"

# Each client under its own name for the server: the keychain keeps one
# refresh token per server URL and email, so A and B are two sessions.
server_a=https://localhost:$nginx_port
server_b=https://127.0.0.1:$nginx_port
email=e2e@example.org
password='e2e correct horse battery'

# ---- 3. offline edits, sign-in, sync, conflicts ------------------------------

echo "sync-e2e: offline edits on A and B"
client A portfolio add --name Alpha --currency USD >/dev/null
client A asset add --symbol ACME --name "Acme Corp" --class stock --currency USD >/dev/null
a_deposit=$(client A tx add --portfolio Alpha --type deposit --date 2024-01-02 --amount 10000 | uuid_of)
a_buy=$(client A tx add --portfolio Alpha --type buy --date 2024-01-03 --asset ACME --quantity 10 --price 50 \
    | uuid_of)
a_deposit2=$(client A tx add --portfolio Alpha --type deposit --date 2024-01-05 --amount 250 --note second | uuid_of)

beta=$(client B portfolio add --name Beta --currency EUR | uuid_of)
client B asset add --symbol BTC --name Bitcoin --class crypto --currency EUR >/dev/null
client B tx add --portfolio Beta --type deposit --date 2024-02-01 --amount 5000 >/dev/null
client B tx add --portfolio Beta --type buy --date 2024-02-02 --asset BTC --quantity 0.05 --price 40000.5 >/dev/null
b_buy2=$(client B tx add --portfolio Beta --type buy --date 2024-02-03 --asset BTC --quantity 0.01 --price 41000 \
    | uuid_of)

echo "sync-e2e: register and sign in"
printf '%s\n' "$password" | client A sync register --server "$server_a" --email "$email" --ca-file "$work/cert.pem" \
    >/dev/null || fail "sync register failed"
printf '%s\n' "$password" | client A sync login --server "$server_a" --email "$email" --device-name "device A" \
    --ca-file "$work/cert.pem" >/dev/null || fail "sync login on A failed"
printf '%s\n' "$password" | client B sync login --server "$server_b" --email "$email" --device-name "device B" \
    --ca-file "$work/cert.pem" >/dev/null || fail "sync login on B failed"
assert_equal "live sessions of the account" 2 \
    "$(server_sql "SELECT count(*) FROM server_session WHERE revoked_at IS NULL")"

# Still offline: signed in, not synced yet.
client A tx add --portfolio Alpha --type interest --date 2024-01-31 --amount 3.21 >/dev/null
client B tx add --portfolio Beta --type fee --date 2024-02-28 --amount 1.5 --note "custody fee" >/dev/null

echo "sync-e2e: first sync A, B, A"
sync_client A
sync_client B
sync_client A
assert_same_books "after the first sync"
assert_equal "entries after the first sync" 8 "$(client B tx list --json | jq length)"

echo "sync-e2e: conflicting edits"
# Each edit is a process of its own, so each later edit has a later wall clock.
client B tx edit "$a_buy" --quantity 11 --price 51 >/dev/null          # older: loses to A's
client A portfolio edit "$beta" --name "Beta by A" >/dev/null            # older: loses to B's
client B tx edit "$a_deposit2" --note "edited on B" >/dev/null          # older: loses to A's delete
client A tx edit "$a_buy" --quantity 12 --price 49.5 >/dev/null         # newer: wins
client B portfolio edit "$beta" --name "Beta by B" >/dev/null            # newer: wins
client A tx delete "$a_deposit2" >/dev/null                             # a delete after B's edit: wins
client B tx delete "$b_buy2" >/dev/null                                 # a delete on one side only
client A tx add --portfolio Alpha --type deposit --date 2024-03-01 --amount 100 --note "A after the conflict" >/dev/null
client B tx add --portfolio "$beta" --type deposit --date 2024-03-01 --amount 200 --note "B after the conflict" >/dev/null

echo "sync-e2e: sync A, B, A, B"
sync_client A
sync_client B
sync_client A
sync_client B
assert_same_books "after the conflicting edits"
for who in A B; do
    assert_equal "$who: quantity of the entry both edited" 12 "$(entry_field "$who" "$a_buy" quantity)"
    assert_equal "$who: price of the entry both edited" 49.5 "$(entry_field "$who" "$a_buy" price)"
    assert_equal "$who: the entry deleted after B's edit" "" "$(entry_field "$who" "$a_deposit2" id)"
    assert_equal "$who: the entry deleted on B" "" "$(entry_field "$who" "$b_buy2" id)"
    assert_equal "$who: portfolio names" "Alpha,Beta by B" \
        "$(client "$who" portfolio list --json | jq -r '[.[].name] | sort | join(",")')"
    assert_equal "$who: pending changes" 0 "$(client "$who" sync status --json | jq .pending)"
done
assert_equal "A's first deposit is untouched" 10000 "$(entry_field A "$a_deposit" amount)"
entries_before=$(client A tx list --json | jq length)
assert_equal "entries after the conflicts (2 deleted, 2 added)" 8 "$entries_before"

# ---- 4. SIGKILL in the middle of a push ---------------------------------------

bulk=20000
echo "sync-e2e: importing $bulk entries into A"
{
    echo "Date,Type,Symbol,Name,Quantity,Price,Amount,Fee,Currency,Split,Note,Portfolio,To portfolio"
    # Unique notes, so the import finds no row "already present".
    awk -v n="$bulk" 'BEGIN {
        for (i = 1; i <= n; i++) {
            day = sprintf("2023-%02d-%02d", 1 + i % 12, 1 + i % 28)
            if (i % 4 == 0)
                printf "%s,buy,ACME,Acme Corp,0.%04d,%d.25,,0,USD,,bulk %d,Alpha,\n", day, i % 10000 + 1, 40 + i % 20, i
            else
                printf "%s,deposit,,,,,%d.%02d,,USD,,bulk %d,Alpha,\n", day, 100 + i % 900, i % 100, i
        }
    }'
} >"$work/bulk.csv"
client A import transactions "$work/bulk.csv" --portfolio Alpha >/dev/null || fail "the bulk import failed"
assert_equal "A's pending changes after the import" "$bulk" "$(client A sync status --json | jq .pending)"

account_log() { server_sql "SELECT count(*) FROM sync_log"; }

# Returns once the server holds a push transaction open: SyncLog::push() takes
# the account's advisory lock first thing in its transaction and keeps it to
# the commit, so a granted advisory lock means a batch half-written. Polled
# inside PostgreSQL (every 2 ms, at most 30 s), where pg_locks is live.
wait_for_push_transaction() {
    server_sql "DO \$\$
        BEGIN
            FOR i IN 1..15000 LOOP
                IF EXISTS (SELECT 1 FROM pg_locks l JOIN pg_database d ON d.oid = l.database
                           WHERE l.locktype = 'advisory' AND l.granted AND d.datname = current_database()) THEN
                    RETURN;
                END IF;
                PERFORM pg_sleep(0.002);
            END LOOP;
            RAISE EXCEPTION 'no push transaction seen within 30 s';
        END \$\$" >/dev/null
}

log_before=$(account_log)
batches_before=$(metric pt_sync_push_batches_total)
echo "sync-e2e: pushing from A; SIGKILL to portfolio-server inside a push transaction, after 2 stored batches"
client_exec A sync now --ca-file "$work/cert.pem" >>"$work/client-A.log" 2>&1 &
sync_pid=$!
# Two batches stored first: the push is well under way.
for _ in $(seq 3000); do
    (($(metric pt_sync_push_batches_total) >= batches_before + 2)) && break
    kill -0 "$sync_pid" 2>/dev/null || fail "sync now on A ended before it pushed two batches"
    sleep 0.02
done
(($(metric pt_sync_push_batches_total) >= batches_before + 2)) || fail "A pushed no two batches within 60 s"
wait_for_push_transaction || fail "no push transaction of A's was seen"
# The client is still waiting for that batch's answer.
kill -0 "$sync_pid" 2>/dev/null || fail "sync now on A ended before portfolio-server could be killed"
kill -KILL "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=
sync_status=0
wait "$sync_pid" || sync_status=$?
sync_pid=
log_at_kill=$(account_log)
pending_at_kill=$(client A sync status --json | jq .pending)
# What nginx saw of the push under way: a request cut off inside the server.
cut_off=$(grep -F '/v1/sync/push' "$work/nginx/error.log" \
    | grep -Eo 'prematurely closed|reset by peer|Connection refused' | head -n 1 || true)
echo "sync-e2e: killed with $((log_at_kill - log_before)) of $bulk changes in the log, $pending_at_kill pending on A," \
    "sync now exited with $sync_status; nginx: ${cut_off:-nothing}"
# Proof that the kill landed mid-push: part of A's changes stored, not all,
# a request cut off inside the server, and the client's sync not completed.
((log_at_kill > log_before)) || fail "no change reached the server's log before the kill"
((log_at_kill < log_before + bulk)) || fail "every change reached the server before the kill: not mid-push"
[[ $cut_off == "prematurely closed" || $cut_off == "reset by peer" ]] \
    || fail "nginx saw no push request cut off by the kill (${cut_off:-nothing})"
((sync_status != 0)) || fail "sync now on A succeeded although the server was killed during its push"
((pending_at_kill > 0)) || fail "A's outbox is empty although the push was cut off"

echo "sync-e2e: restarting portfolio-server"
start_server
wait_for_server
wait_for_health "https://localhost:$nginx_port/healthz" 30
attempts=0
until client A sync now --ca-file "$work/cert.pem" >>"$work/client-A.log"; do
    attempts=$((attempts + 1))
    ((attempts < 5)) || fail "sync now on A kept failing after the restart"
    sleep 1
done
echo "sync-e2e: A pushed the rest after $attempts failed attempts;" \
    "the restarted server counted $(metric 'pt_sync_changes_total{result="accepted"}') new and" \
    "$(metric 'pt_sync_changes_total{result="duplicate"}') duplicate changes"
sync_client B
sync_client A

echo "sync-e2e: checking that nothing was lost or doubled"
assert_same_books "after the interrupted push"
expected_entries=$((entries_before + bulk))
for who in A B; do
    client "$who" tx list --json >"$work/entries-$who.json"
    assert_equal "$who: entries" "$expected_entries" "$(jq length "$work/entries-$who.json")"
    assert_equal "$who: distinct imported entries" "$bulk" \
        "$(jq '[.[] | (.note // "") | select(startswith("bulk "))] | unique | length' "$work/entries-$who.json")"
    assert_equal "$who: pending changes" 0 "$(client "$who" sync status --json | jq .pending)"
done
assert_equal "log rows vs distinct stamps" "$(account_log)" \
    "$(server_sql "SELECT count(DISTINCT (hlc_wall, hlc_counter, device_id)) FROM sync_log")"
assert_equal "imported entries in the server's log" "$bulk" \
    "$(server_sql "SELECT count(*) FROM sync_log WHERE kind = 'transaction' AND fields::jsonb->>'note' LIKE 'bulk %'")"
records_a=$(sqlite3 "$work/A.sqlite" \
    "SELECT (SELECT count(*) FROM portfolio) + (SELECT count(*) FROM asset) + (SELECT count(*) FROM ledger_transaction)")
assert_equal "records on the server vs in A's store" "$records_a" "$(server_sql "SELECT count(*) FROM sync_record")"
assert_equal "live entries on the server" "$expected_entries" \
    "$(server_sql "SELECT count(*) FROM sync_record WHERE kind = 'transaction' AND NOT deleted")"

echo "sync-e2e: passed"
