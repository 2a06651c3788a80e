#!/usr/bin/env bash
# Install (from Debian packages, if missing) and start a PostgreSQL server on localhost for the tests,
# with a role and database "axisgraph". Prints the SQLAlchemy URL on stdout; progress goes to stderr.
set -euo pipefail
exec 3>&1 1>&2
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$version main$"; then
  pg_createcluster "$version" main >/dev/null
fi
if ! pg_lsclusters -h | grep -q "^$version main .* online"; then
  pg_ctlcluster "$version" main start 3>&- </dev/null >/dev/null 2>&1
fi
port=$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')
for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q -h 127.0.0.1 -p $port" && break
  sleep 1
done
su postgres -c "psql -q -p $port -tc \"SELECT 1 FROM pg_roles WHERE rolname='axisgraph'\"" | grep -q 1 \
  || su postgres -c "psql -q -p $port -c \"CREATE ROLE axisgraph LOGIN SUPERUSER PASSWORD 'axisgraph'\""
su postgres -c "psql -q -p $port -tc \"SELECT 1 FROM pg_database WHERE datname='axisgraph'\"" | grep -q 1 \
  || su postgres -c "createdb -p $port -O axisgraph axisgraph"
echo "postgresql+psycopg://axisgraph:axisgraph@127.0.0.1:$port/axisgraph" >&3
