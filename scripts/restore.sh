#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into the database named by DATABASE_URL and the
# directory MEDIA_ROOT.
#
#   DATABASE_URL=postgres://normen:…@db:5432/normen MEDIA_ROOT=/app/media \
#       scripts/restore.sh /var/backups/normen/normen-20240610T020000Z [--replace]
#
# The database is created if it does not exist. Without --replace the database must have no
# tables and MEDIA_ROOT must be empty or missing, so a restore never overwrites a live portal
# by mistake. With --replace the existing tables are dropped and the old files are moved
# aside to MEDIA_ROOT.gammel-<time>.
# Afterwards run `python manage.py migrate` (a no-op unless the code is newer than the backup).
set -euo pipefail

usage() { echo "Bruk: DATABASE_URL=… MEDIA_ROOT=… $0 SIKKERHETSKOPIMAPPE [--replace]" >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 2 ] || usage
backup=$1
replace=0
if [ $# -eq 2 ]; then
  [ "$2" = "--replace" ] || usage
  replace=1
fi
: "${DATABASE_URL:?DATABASE_URL må være satt (databasen det skal gjenopprettes til)}"
here=$(cd "$(dirname "$0")" && pwd)
media=${MEDIA_ROOT:-$here/../media}

[ -f "$backup/database.dump" ] && [ -f "$backup/media.tar.gz" ] || {
  echo "Fant ikke database.dump og media.tar.gz i $backup." >&2; exit 1; }
(cd "$backup" && sha256sum --quiet --check SHA256SUMS) || {
  echo "Sjekksummene stemmer ikke: sikkerhetskopien i $backup er skadet." >&2; exit 1; }

# shellcheck source=scripts/pgenv.sh
. "$here/pgenv.sh"
pgenv_from_url "$DATABASE_URL"
target_db=$PGDATABASE

exists=$(PGDATABASE=postgres psql -XAtq -v ON_ERROR_STOP=1 \
  -c "SELECT 1 FROM pg_database WHERE datname = '${target_db//\'/\'\'}'")
if [ "$exists" != "1" ]; then
  echo "Oppretter databasen $target_db." >&2
  PGDATABASE=postgres createdb "$target_db"
fi
tables=$(psql -XAtq -v ON_ERROR_STOP=1 \
  -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
if [ "$tables" != "0" ] && [ $replace -eq 0 ]; then
  echo "Databasen $target_db har allerede $tables tabeller. Bruk --replace for å erstatte dem." >&2
  exit 1
fi
if [ -d "$media" ] && [ -n "$(ls -A "$media")" ] && [ $replace -eq 0 ]; then
  echo "$media er ikke tom. Bruk --replace for å flytte de gamle filene til side." >&2
  exit 1
fi

# One transaction: a restore that fails half-way leaves the database as it was.
clean=()
[ $replace -eq 1 ] && clean=(--clean --if-exists)
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction "${clean[@]}" \
  --dbname="$target_db" "$backup/database.dump"

# pg_restore brings no planner statistics: without them the first queries can be slow.
vacuumdb --analyze-only --quiet --dbname="$target_db"

if [ -d "$media" ] && [ -n "$(ls -A "$media")" ]; then
  aside="$media.gammel-$(date -u +%Y%m%dT%H%M%SZ)"
  mv "$media" "$aside"
  echo "De gamle filene er flyttet til $aside." >&2
fi
mkdir -p "$media"
tar -C "$media" -xzf "$backup/media.tar.gz"
echo "Gjenopprettet $backup til databasen $target_db og $media." >&2
