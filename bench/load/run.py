"""Load test of the portal on this machine, next to nginx serving the same pages as files.

    .venv/bin/python bench/load/run.py [--duration 15] [--connections 20] [--regenerate]

Needs ``wrk`` and ``nginx`` with njs (Debian: ``apt-get install -y wrk nginx
libnginx-mod-http-js``), PostgreSQL on
127.0.0.1:5432 and ``redis-server``. Everything listens on 127.0.0.1 only; every wrk run is
bounded by --duration; the processes started here are stopped at the end.

1. The database ``normen_bench`` (DATABASE_URL to choose another) is created, migrated and
   filled by ``bench/generate.py`` if it has no data yet (or with --regenerate).
2. The portal runs as in production: DEBUG off, collected static files served by WhiteNoise,
   gunicorn with ``normen_portal.gunicorn_conf`` (2 × cores + 1 sync workers), Redis as cache,
   behind what would be the load balancer (wrk sends ``X-Forwarded-Proto: https``).
3. The page sets: anonymous reading of the library (lists and documents) and of the meeting
   archive (years, meetings, decisions), and a logged-in member reading papers (meetings and
   cases of the upcoming meeting). Each page is also saved as a file for nginx.
4. Runs, one after another, each with a short warm-up:
   - ``portal (produksjon)``: the README's production topology: the caching proxy of
     deploy/nginx/nginx.conf (this very file, see proxy_conf.py) in front of gunicorn, the
     portal writing the public generation the proxy keys anonymous pages by;
   - ``portal uten HTTP-cache``: gunicorn behind a plain proxy, for comparison;
   - ``static``: nginx serving the same pages from files: the practical ceiling;
   - members, also as 20 people who each read a page for a while (``--think-ms``).
5. Results: a JSON file under bench/results/ and a Markdown table on stdout (for
   BENCHMARKS.md).
"""

import argparse
import http.cookies
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.load import proxy_conf  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/normen_bench"
# Twenty members of the steering group (bench/generate.py makes medlem01 … medlem20).
MEMBERS = [f"medlem{i:02d}" for i in range(1, 21)]
PASSWORD = "Benk-passord-2026"  # noqa: S105 - the generator's benchmark users
FORWARDED = {"X-Forwarded-Proto": "https"}
# One key for the whole run: sessions made by one gunicorn stay valid in the next.
SECRET_KEY = secrets.token_urlsafe(50)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(check, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{what} did not come up within {timeout} s")


class Process:
    """A child process that is stopped (by its pid) when the run ends."""

    running = []

    def __init__(self, args, env=None, log=None, cwd=ROOT):
        self.log = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115
        self.popen = subprocess.Popen(args, env=env, cwd=cwd, stdout=self.log,
                                      stderr=subprocess.STDOUT)
        Process.running.append(self)

    def stop(self):
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()
        if self in Process.running:
            Process.running.remove(self)

    @classmethod
    def stop_all(cls):
        for process in list(reversed(cls.running)):
            process.stop()


def portal_env(database_url, redis_url, media, settings_module, extra=None):
    return {
        **{k: v for k, v in os.environ.items() if k not in ("DEBUG", "DJANGO_SETTINGS_MODULE")},
        "DJANGO_SETTINGS_MODULE": settings_module,
        "PYTHONPATH": str(ROOT),
        "DEBUG": "0",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "MEDIA_ROOT": str(media),
        "EMAIL_URL": "consolemail://",
        "LOG_LEVEL": "WARNING",
        # The access log as JSON: the time gunicorn spent on each request, per path.
        "LOG_FORMAT": "json",
        **(extra or {}),
    }


def prepare_database(database_url, media, regenerate):
    url = urllib.parse.urlsplit(database_url)
    name = url.path.lstrip("/")
    server = urllib.parse.urlunsplit(url._replace(path="/postgres"))
    exists = subprocess.run(["psql", server, "-XAt", "-v", f"name={name}"],
                            input="SELECT 1 FROM pg_database WHERE datname = :'name';",
                            capture_output=True, text=True, check=True).stdout.strip() == "1"
    filled = exists and subprocess.run(
        ["psql", database_url, "-XAtc", "SELECT count(*) FROM meetings_meeting"],
        capture_output=True, text=True, check=False).stdout.strip() not in ("", "0")
    env = portal_env(database_url, "", media, "normen_portal.settings", {"DEBUG": "1"})
    if regenerate or not filled:
        print(f"Genererer testdata i {name} …", flush=True)
        subprocess.run(["dropdb", "--if-exists", "--force", f"--maintenance-db={server}", name],
                       check=True)
        subprocess.run(["createdb", f"--maintenance-db={server}", name], check=True)
        shutil.rmtree(media, ignore_errors=True)
        subprocess.run([str(PYTHON), "manage.py", "migrate", "--noinput", "-v0"], env=env,
                       cwd=ROOT, check=True)
        subprocess.run([str(PYTHON), str(ROOT / "bench" / "generate.py")], env=env, cwd=ROOT,
                       check=True)
    else:
        subprocess.run([str(PYTHON), "manage.py", "migrate", "--noinput", "-v0"], env=env,
                       cwd=ROOT, check=True)


class Http:
    """A tiny client that keeps cookies itself: behind the (simulated) TLS load balancer the
    portal marks them Secure, which urllib would then not send over plain http."""

    def __init__(self, base):
        self.base = base
        self.cookies = {}
        self.opener = urllib.request.build_opener(NoRedirect)

    def _open(self, request):
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        try:
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as exc:
            response = exc
        for header in response.headers.get_all("Set-Cookie") or []:
            jar = http.cookies.SimpleCookie(header)
            for name, morsel in jar.items():
                self.cookies[name] = morsel.value
        with response:
            return response.status, response.read(), dict(response.headers)

    def get(self, path, headers=None):
        return self._open(urllib.request.Request(  # noqa: S310 - http://127.0.0.1
            self.base + path, headers={**FORWARDED, **(headers or {})}))

    def login(self, username, password):
        status, page, _h = self.get("/konto/login/")
        page = page.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        field = "login" if 'name="login"' in page else "username"
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, field: username,
                                       "password": password}).encode()
        origin = "https://" + urllib.parse.urlsplit(self.base).netloc
        status, _body, _h = self._open(urllib.request.Request(  # noqa: S310 - http://127.0.0.1
            self.base + "/konto/login/", data=data,
            headers={**FORWARDED, "Origin": origin, "Referer": origin + "/konto/login/"}))
        if status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"Innlogging som {username} mislyktes ({status}).")
        return self.cookies["sessionid"]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def links(html, pattern):
    seen = []
    for link in re.findall(rf'href="({pattern})"', html):
        if link not in seen:
            seen.append(link)
    return seen


def page_sets(anonymous, member):
    """The paths of each scenario, found the way a reader finds them: by following links."""
    def html(client, path):
        status, body, _h = client.get(path)
        if status != 200:
            raise SystemExit(f"{path} svarte {status}")
        return body.decode()

    library = ["/dokumenter/", "/faktaark/", "/veiledere/"]
    for index in ("/faktaark/", "/veiledere/", "/dokumenter/annet/"):
        library += links(html(anonymous, index),
                         r"/(?:faktaark|veiledere|dokumenter/annet)/[\w-]+/")[:10]
    archive = ["/arkiv/", "/vedtak/"]
    years = links(html(anonymous, "/arkiv/"), r"/arkiv/\d{4}/")
    archive += years
    for year in years:
        archive += links(html(anonymous, year), r"/arkiv/\d{4}/\d+/")[:2]
    archive += links(html(anonymous, "/vedtak/"), r"/vedtak/\d{4}/\d+/")[:10]
    papers = ["/moter/"]
    meetings = links(html(member, "/moter/"), r"/moter/\d+/")
    papers += meetings[:4]
    for meeting in meetings[:2]:
        papers += links(html(member, meeting), r"/moter/\d+/saker/\d+/")[:10]
    return {"library": library, "archive": archive, "papers": papers}


def save_static_copies(client, paths, docroot):
    for path in paths:
        status, body, _h = client.get(path)
        assert status == 200, path
        target = docroot / path.strip("/") / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)


# Next to the production proxy (deploy/nginx/nginx.conf, rendered by proxy_conf.py): the
# practical ceiling, and a plain proxy to show what the portal does without the shared cache.
EXTRA_SERVERS = """
    # The practical ceiling: the same pages as files.
    server {{
        listen 127.0.0.1:{static_port};
        root {run}/docroot;
        index index.html;
        default_type text/html;
    }}

    # The portal without the shared cache: a proxy that hands gunicorn's sync workers only
    # complete requests, as the load balancer does.
    server {{
        listen 127.0.0.1:{lb_port};
        location / {{
            proxy_pass http://127.0.0.1:{portal_port};
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-Proto https;
            proxy_set_header X-Forwarded-For $remote_addr;
        }}
    }}
"""


def start_nginx(run, static_port, cache_port, lb_port, portal_port, generation_file):
    nginx = Process(proxy_conf.command(
        run, listen=cache_port, upstream=f"127.0.0.1:{portal_port}",
        generation_file=generation_file,
        extra_servers=EXTRA_SERVERS.format(run=run, static_port=static_port, lb_port=lb_port,
                                           portal_port=portal_port)),
        log=run / "nginx.out")
    wait_for(lambda: Http(f"http://127.0.0.1:{static_port}").get("/dokumenter/")[0] == 200,
             15, "nginx")
    return nginx


def start_gunicorn(env, port, log):
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    process = Process([str(GUNICORN), "-c", "python:normen_portal.gunicorn_conf",
                       "normen_portal.wsgi:application"], env=env, log=log)
    wait_for(lambda: Http(f"http://127.0.0.1:{port}").get("/helse/")[0] == 200, 60,
             "gunicorn")
    return process


def wrk(base, paths, run, name, *, duration, connections, threads, sessions=(), think_ms=0,
        warmup=2):
    paths_file = run / f"{name}.paths"
    paths_file.write_text("\n".join(paths) + "\n")
    sessions_file = run / f"{name}.sessions"
    sessions_file.write_text("\n".join(sessions) + "\n")
    env = {**os.environ, "PATHS_FILE": str(paths_file), "THINK_MS": str(think_ms),
           "SESSIONS_FILE": str(sessions_file) if sessions else ""}
    headers = ["-H", "X-Forwarded-Proto: https"]
    base_args = ["wrk", "-t", str(threads), "-c", str(connections), "--timeout", "10s",
                 "-s", str(HERE / "paths.lua"), *headers]
    if warmup:
        subprocess.run([*base_args, "-d", f"{warmup}s", base], env=env, capture_output=True,
                       check=True, timeout=warmup + 30)
    out = subprocess.run([*base_args, "-d", f"{duration}s", base], env=env,
                         capture_output=True, text=True, check=True, timeout=duration + 60)
    line = [x for x in out.stdout.splitlines() if x.startswith("{")][-1]
    result = json.loads(line)
    seconds = result["duration_us"] / 1e6
    errors = sum(result["errors"].values())
    return {
        "name": name, "connections": connections, "think_ms": think_ms,
        "requests": result["requests"], "errors": errors,
        "rps": round(result["requests"] / seconds, 1),
        "p50_ms": round(result["latency_us"]["p50"] / 1000, 1),
        "p95_ms": round(result["latency_us"]["p95"] / 1000, 1),
        "p99_ms": round(result["latency_us"]["p99"] / 1000, 1),
        "kb_per_request": round(result["bytes"] / max(1, result["requests"]) / 1024, 1),
    }


def server_times(log):
    """Per path: requests and the median and 95th percentile of the time gunicorn spent."""
    times = {}
    for line in log.read_text(errors="replace").splitlines():
        if '"gunicorn.access"' in line:
            entry = json.loads(line)
            times.setdefault(entry["path"], []).append(entry["duration_ms"])
    summary = {}
    for path, values in times.items():
        values.sort()
        summary[path] = {"requests": len(values), "p50_ms": values[len(values) // 2],
                         "p95_ms": values[min(len(values) - 1, int(len(values) * 0.95))]}
    return dict(sorted(summary.items(), key=lambda kv: -kv[1]["p95_ms"]))


def check_cache_behaviour(base, session, sets):
    """The proxy must share every anonymous page and never a member's."""
    anonymous = Http(base)
    statuses = {}
    for path in sets["library"] + sets["archive"]:
        anonymous.get(path)
        statuses[path] = anonymous.get(path)[2].get("X-Cache-Status")
    member = Http(base)
    member.cookies["sessionid"] = session
    member_statuses = {path: member.get(path)[2].get("X-Cache-Status")
                       for path in sets["papers"][:5]}
    return {
        "anonymous_pages_hit_on_second_read": sum(s == "HIT" for s in statuses.values()),
        "anonymous_pages": len(statuses),
        "not_shared": sorted(p for p, s in statuses.items() if s != "HIT"),
        "member_pages_bypassed": sum(s == "BYPASS" for s in member_statuses.values()),
        "member_pages": len(member_statuses),
        "anonymous_cookies_set": sorted(anonymous.cookies),
    }


def table(results, ceilings):
    rows = ["| scenario | server | connections | req/s | p50 ms | p95 ms | p99 ms | "
            "% of static | errors |", "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        ceiling = ceilings.get(r["set"])
        share = (f"{100 * r['rps'] / ceiling:.1f} %" if ceiling and r["server"] != "static"
                 and not r["think_ms"] else "")
        users = f"{r['connections']}" + (f" (lesetid ~{r['think_ms'] / 1000:g} s)"
                                         if r["think_ms"] else "")
        rows.append(f"| {r['set']} | {r['server']} | {users} | {r['rps']} | {r['p50_ms']} | "
                    f"{r['p95_ms']} | {r['p99_ms']} | {share} | {r['errors']} |")
    return "\n".join(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=15, help="seconds per measured run")
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--think-ms", type=int, default=2000,
                        help="reading time per page in the members-as-people run")
    parser.add_argument("--regenerate", action="store_true")
    args = parser.parse_args()
    for tool in ("wrk", "nginx", "redis-server", "psql"):
        if not shutil.which(tool):
            raise SystemExit(f"Mangler {tool}: apt-get install -y wrk nginx libnginx-mod-http-js "
                             "redis-server postgresql-client")

    load_at_start = os.getloadavg()
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    media = ROOT / "bench" / "results" / "media"
    run = Path(tempfile.mkdtemp(prefix="normen-bench-"))
    results_dir = ROOT / "bench" / "results"
    results_dir.mkdir(parents=True, exist_ok=True)
    try:
        prepare_database(database_url, media, args.regenerate)
        env = portal_env(database_url, "", media, "normen_portal.settings")
        subprocess.run([str(PYTHON), "manage.py", "collectstatic", "--noinput", "-v0"],
                       env=env, cwd=ROOT, check=True)
        redis_port = free_port()
        Process(["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save",
                 "", "--appendonly", "no"])
        redis_url = f"redis://127.0.0.1:{redis_port}/0"
        # As in production: the portal writes the public generation the proxy keys pages by.
        generation_file = run / "public-generation"
        env = portal_env(database_url, redis_url, media, "normen_portal.settings",
                         {"PUBLIC_GENERATION_FILE": str(generation_file)})

        portal_port = free_port()
        gunicorn = start_gunicorn(env, portal_port, run / "gunicorn.log")
        portal = f"http://127.0.0.1:{portal_port}"
        sessions = []
        for username in MEMBERS[:max(1, args.connections)]:
            client = Http(portal)
            sessions.append(client.login(username, PASSWORD))
            member = client
        sets = page_sets(Http(portal), member)
        docroot = run / "docroot"
        save_static_copies(Http(portal), sets["library"] + sets["archive"], docroot)
        save_static_copies(member, sets["papers"], docroot)

        static_port, cache_port, lb_port = free_port(), free_port(), free_port()
        start_nginx(run, static_port, cache_port, lb_port, portal_port, generation_file)
        static = f"http://127.0.0.1:{static_port}"
        balancer = f"http://127.0.0.1:{lb_port}"
        common = {"duration": args.duration, "connections": args.connections,
                  "threads": args.threads}
        results = []

        def measure(set_name, server, base, **kw):
            result = wrk(base, sets[set_name], run, f"{set_name}-{server}", **common, **kw)
            result.update({"set": set_name, "server": server})
            results.append(result)
            print(f"  {set_name:8} {server:22} {result['rps']:9.1f} req/s  "
                  f"p50 {result['p50_ms']:7.1f}  p95 {result['p95_ms']:7.1f}  "
                  f"p99 {result['p99_ms']:7.1f} ms  errors {result['errors']}", flush=True)

        print("Måler …", flush=True)
        proxy = f"http://127.0.0.1:{cache_port}"
        behaviour = check_cache_behaviour(proxy, sessions[0], sets)
        for set_name in ("library", "archive"):
            measure(set_name, "static", static)
            measure(set_name, "portal (produksjon)", proxy)
            measure(set_name, "portal uten HTTP-cache", balancer)
        measure("papers", "static", static, sessions=sessions)
        measure("papers", "portal (produksjon)", proxy, sessions=sessions)
        measure("papers", "portal (produksjon)", proxy, sessions=sessions,
                think_ms=args.think_ms)
        gunicorn.stop()
        slowest = dict(list(server_times(run / "gunicorn.log").items())[:10])
    finally:
        Process.stop_all()

    ceilings = {r["set"]: r["rps"] for r in results if r["server"] == "static"}
    report = {
        "when": datetime.now().isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                    "load_average_at_start": load_at_start,
                    "load_average_at_end": os.getloadavg()},
        "tools": {"wrk": subprocess.run(["wrk", "-v"], capture_output=True,
                                        text=True).stdout.split("\n")[0],
                  "nginx": subprocess.run(["nginx", "-v"], capture_output=True,
                                          text=True).stderr.strip()},
        "settings": {**common, "think_ms": args.think_ms,
                     "gunicorn_workers": 2 * (os.cpu_count() or 1) + 1},
        "pages": {k: len(v) for k, v in sets.items()},
        "cache_behaviour": behaviour,
        "slowest_paths_in_gunicorn": slowest,
        "results": results,
    }
    out = results_dir / f"load-{datetime.now():%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(f"\nResultater: {out.relative_to(ROOT)}\n")
    print(table(results, ceilings))
    print("\nCache-oppførsel:", json.dumps(behaviour))
    shutil.rmtree(run, ignore_errors=True)


if __name__ == "__main__":
    try:
        main()
    finally:
        Process.stop_all()
    sys.exit(0)
