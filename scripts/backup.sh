#!/usr/bin/env bash
# Backup of the portal: the PostgreSQL database and the uploaded files, in one directory.
#
#   DATABASE_URL=postgres://normen:…@db:5432/normen MEDIA_ROOT=/app/media \
#       scripts/backup.sh /var/backups/normen
#
# Writes /var/backups/normen/normen-<UTC time>/ with
#   database.dump   pg_dump custom format (compressed; restore with scripts/restore.sh)
#   media.tar.gz    everything under MEDIA_ROOT (attachments, PDFs, document files)
#   SHA256SUMS      checked by restore.sh before it touches anything
# and prints that directory's path on the last line. Needs pg_dump/pg_restore of the server's
# major version or newer, and python3 (to read DATABASE_URL without putting the password on a
# command line, where `ps` would show it).
set -euo pipefail

usage() { echo "Bruk: DATABASE_URL=… MEDIA_ROOT=… $0 MÅLMAPPE" >&2; exit 2; }
[ $# -eq 1 ] || usage
dest_root=$1
: "${DATABASE_URL:?DATABASE_URL må være satt (databasen som skal sikkerhetskopieres)}"
here=$(cd "$(dirname "$0")" && pwd)
media=${MEDIA_ROOT:-$here/../media}

# shellcheck source=scripts/pgenv.sh
. "$here/pgenv.sh"
pgenv_from_url "$DATABASE_URL"

umask 077  # the dump holds personal data and password hashes
stamp=$(date -u +%Y%m%dT%H%M%SZ)
dir=$dest_root/normen-$stamp
mkdir -p "$dir"

# One consistent snapshot of the database (pg_dump runs in a single repeatable-read
# transaction, so the web processes and workers keep running while it is taken).
pg_dump --format=custom --no-owner --no-privileges --file="$dir/database.dump"
# Files after the database: rows only name files that were written before the row was
# committed, so every file the dump refers to is in the archive.
if [ -d "$media" ]; then
  tar -C "$media" -czf "$dir/media.tar.gz" .
else
  echo "Advarsel: MEDIA_ROOT $media finnes ikke; sikkerhetskopien har ingen filer." >&2
  tar -czf "$dir/media.tar.gz" -T /dev/null
fi

# A dump that pg_restore cannot read is not a backup.
pg_restore --list "$dir/database.dump" >/dev/null
(cd "$dir" && sha256sum database.dump media.tar.gz >SHA256SUMS)
echo "Sikkerhetskopi skrevet til:" >&2
echo "$dir"
