# Sourced by backup.sh and restore.sh: turns a DATABASE_URL into libpq's PG* variables, so
# that the password travels in the environment and not on a command line.

pgenv_from_url() {
  local exports
  exports=$(python3 - "$1" <<'PY'
import shlex
import sys
from urllib.parse import unquote, urlsplit

url = urlsplit(sys.argv[1])
if url.scheme not in ("postgres", "postgresql", "pgsql", "postgis"):
    sys.exit(f"DATABASE_URL er ikke en PostgreSQL-adresse: {url.scheme}://…")
values = {
    "PGHOST": unquote(url.hostname or ""),
    "PGPORT": str(url.port or ""),
    "PGUSER": unquote(url.username or ""),
    "PGPASSWORD": unquote(url.password or ""),
    "PGDATABASE": unquote(url.path.lstrip("/")),
}
for name, value in values.items():
    if value:
        print(f"export {name}={shlex.quote(value)}")
    else:
        print(f"unset {name}")
PY
  ) || exit 2
  eval "$exports"
  if [ -z "${PGDATABASE:-}" ]; then
    echo "DATABASE_URL mangler databasenavn." >&2
    exit 2
  fi
}
