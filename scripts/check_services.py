"""Check that the test suite's PostgreSQL and Redis answer, with a clear message if not."""

import os
import sys
from urllib.parse import urlparse

import psycopg
import redis

DATABASE_URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/normen")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")


def main():
    problems = []
    db = urlparse(DATABASE_URL)
    try:
        # The test database is created by the suite; the server is reached via "postgres".
        with psycopg.connect(host=db.hostname, port=db.port or 5432, user=db.username,
                             password=db.password, dbname="postgres", connect_timeout=3):
            pass
    except psycopg.Error as exc:
        problems.append(f"PostgreSQL svarer ikke på {db.hostname}:{db.port or 5432} ({exc}).")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        problems.append(f"Redis svarer ikke på {REDIS_URL} ({exc}).")
    if problems:
        print("Testene trenger PostgreSQL og Redis:", *problems, sep="\n  ", file=sys.stderr)
        print("Sett DATABASE_URL / REDIS_URL, eller start de lokale tjenestene.", file=sys.stderr)
        return 1
    print(f"PostgreSQL og Redis svarer ({db.hostname}:{db.port or 5432}, {REDIS_URL}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
