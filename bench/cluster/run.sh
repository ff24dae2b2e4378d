#!/usr/bin/env bash
# The several-servers benchmark of issue 18 on PostgreSQL: the demo world's
# build, a month close, readings per second and «Главная» pages per second,
# with one `kabinet serve` and with two behind HAProxy (round robin, checks
# on /readyz). Needs haproxy and wrk (Debian's). Usage:
#
#   bench/cluster/run.sh [ACCOUNTS]      # default 50000; 1000000 for the issue's world
#
# The servers keep the sign-in limit of 60 per address in 10 minutes, so
# the two runs sign in 25 customers each. PG is the server URL without a database (default the local trust one);
# the database kabinet_bench_<ACCOUNTS> is made and kept for a rerun
# (DROP=1 drops it at the end; CLOSE=0 skips the close; REUSE=1 skips the build and uses the one
# already there, built by `kabinet demo --accounts ACCOUNTS --db ...`).
set -euo pipefail
n=${1:-50000}
pg=${PG:-postgres://postgres@127.0.0.1:5432}
db="$pg/kabinet_bench_$n?sslmode=disable"
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$work"' EXIT
cd "$(dirname "$0")/../.."
go build -o "$work/kabinet" ./cmd/kabinet
go build -o "$work/readings" ./bench/readings

psql "$pg/postgres?sslmode=disable" -qc "CREATE DATABASE kabinet_bench_$n" 2>/dev/null || true
if [ "${REUSE:-}" = 1 ]; then
  echo "== demo world of $n homes: reused (REUSE=1)"
else
  echo "== demo world of $n homes"
  /usr/bin/time -f "build: %e s wall" "$work/kabinet" demo --accounts "$n" --db "$db" | tail -n 2
fi
month=$(date -d "$(date +%Y-%m-01) -1 month" +%Y-%m)
echo "== month close of $month (reopened, then closed again)"
if [ "${CLOSE:-1}" = 1 ]; then # CLOSE=0 skips it on a rerun
  "$work/kabinet" reopen-period --db "$db" "$month" >/dev/null
  /usr/bin/time -f "close: %e s wall" "$work/kabinet" close-period --db "$db" "$month" | tail -n 1
fi

serve() { # serve PORT
  "$work/kabinet" serve --listen "127.0.0.1:$1" --db "$db" --data "$work/d$1" --demo-accounts 0 --trust-proxy \
    >"$work/serve$1.log" 2>&1 &
  pids+=($!)
  until curl -sf "http://127.0.0.1:$1/readyz" >/dev/null; do sleep 0.2; done
}

measure() { # measure URL LABEL
  echo "== $2: readings (25 customers, 16 connections, 20 s)"
  "$work/readings" -db "$db" -accounts "$n" -customers 25 -c 16 -d 20s -url "$1" | tail -n 4
  echo "== $2: «Главная» of one signed-in customer (wrk, 16 connections, 15 s)"
  read -r id number < <(psql "$db" -Atc "SELECT a.id, a.number FROM accounts a JOIN user_accounts ua ON ua.account_id = a.id
    JOIN users u ON u.id = ua.user_id WHERE u.email LIKE 'bench%' ORDER BY a.id LIMIT 1" | tr '|' ' ')
  cookie=$(curl -s -o /dev/null -D - --data-urlencode "account=$number" --data-urlencode "secret=Байкал-2026-омуль" "$1/login" |
    sed -n 's/^[Ss]et-[Cc]ookie: \(kabinet_session=[^;]*\).*/\1/p' | head -n 1)
  # «Главная» is /a/ID/ (without the slash it is a redirect): check it is
  # the page, not a redirect or the sign-in form, before measuring it.
  curl -sf -H "Cookie: $cookie" "$1/a/$id/" | grep -q '<title>Главная' || { echo "«Главная» not served to $number" >&2; exit 1; }
  wrk -t 2 -c 16 -d 15s -H "Cookie: $cookie" "$1/a/$id/" | grep -E 'Requests/sec|Latency|Non-2xx'
  # With autovacuum off, the few users the bench registered leave stale
  # statistics: measure again after ANALYZE, as a supplier's nightly
  # maintenance (or autovacuum) would have it.
  psql "$db" -qc "ANALYZE users; ANALYZE user_accounts; ANALYZE sessions"
  echo "== $2: «Главная» again after ANALYZE"
  wrk -t 2 -c 16 -d 15s -H "Cookie: $cookie" "$1/a/$id/" | grep -E 'Requests/sec|Latency|Non-2xx'
}

serve 18201
measure http://127.0.0.1:18201 "one server"

serve 18202
cat >"$work/haproxy.cfg" <<CFG
defaults
    mode http
    timeout connect 1s
    timeout client 30s
    timeout server 30s
    option forwardfor
frontend portal
    bind 127.0.0.1:18200
    default_backend kabinet
backend kabinet
    balance roundrobin
    option httpchk GET /readyz
    server s1 127.0.0.1:18201 check
    server s2 127.0.0.1:18202 check
CFG
haproxy -db -f "$work/haproxy.cfg" >"$work/haproxy.log" 2>&1 &
pids+=($!)
sleep 1
measure http://127.0.0.1:18200 "two servers behind HAProxy"
if [ "${DROP:-}" = 1 ]; then
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql "$pg/postgres?sslmode=disable" -qc "DROP DATABASE kabinet_bench_$n WITH (FORCE)"
fi
