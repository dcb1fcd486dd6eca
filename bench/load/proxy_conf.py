"""The production proxy config (deploy/nginx/), made runnable on this machine.

The load test and tests/ops/test_proxy_cache.py run deploy/nginx/nginx.conf itself; only what
differs between a container and this machine is replaced: ports, the upstream, where files
go, and where the generation file is. Every replacement must match, so the deployed file
cannot drift away from what is measured and tested without this failing.
"""

import shutil
import subprocess
from pathlib import Path

DEPLOY = Path(__file__).resolve().parents[2] / "deploy" / "nginx"
MODULE = "/usr/lib/nginx/modules/ngx_http_js_module.so"
GENERATION_PATH = "/var/lib/normen/public-generation"
TEMP_KINDS = ("body", "proxy", "fastcgi", "uwsgi", "scgi")


def _replace(text, old, new):
    assert old in text, f"deploy/nginx no longer contains {old!r}"
    return text.replace(old, new)


def render(run: Path, *, listen: int, upstream: str, generation_file: Path, extra_servers=""):
    """Write nginx.conf and normen.js under ``run``; return the config's path."""
    for sub in ("njs", "cache", *(f"temp/{kind}" for kind in TEMP_KINDS)):
        (run / sub).mkdir(parents=True, exist_ok=True)
    script = (DEPLOY / "normen.js").read_text()
    (run / "njs" / "normen.js").write_text(_replace(script, GENERATION_PATH,
                                                    str(generation_file)))
    conf = (DEPLOY / "nginx.conf").read_text()
    for old, new in [
        ("load_module modules/ngx_http_js_module.so;", f"load_module {MODULE};"),
        ("pid /tmp/nginx.pid;", f"pid {run}/nginx.pid;"),
        ("error_log /dev/stderr warn;", f"error_log {run}/error.log warn;"),
        ("access_log /dev/stdout combined;",
         f"access_log {run}/access.log combined buffer=64k flush=5s;\n"
         # Debian's nginx writes request bodies under /var/lib/nginx unless told otherwise.
         + "".join(f"    {'client_body' if kind == 'body' else kind}_temp_path "
                   f"{run}/temp/{kind};\n" for kind in TEMP_KINDS)),
        ("/var/cache/nginx/normen", f"{run}/cache"),
        ("js_path /etc/nginx/njs/;", f"js_path {run}/njs/;"),
        ("server web:8000;", f"server {upstream};"),
        ("listen 80;", f"listen 127.0.0.1:{listen};"),
    ]:
        conf = _replace(conf, old, new)
    if extra_servers:
        conf = conf.rstrip().removesuffix("}") + extra_servers + "\n}\n"
    path = run / "nginx.conf"
    path.write_text(conf)
    return path


def command(run: Path, **render_kwargs):
    """Render the config under ``run``, check it with ``nginx -t`` and return the command
    that runs nginx with it in the foreground."""
    conf = render(run, **render_kwargs)
    # nginx's workers run as an unprivileged user when started as root: let them read the
    # files and write the cache.
    for path in [run, *run.rglob("*")]:
        path.chmod(0o777 if path.is_dir() else 0o644)
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    subprocess.run([nginx, "-t", "-q", "-p", str(run), "-c", str(conf)], check=True)
    return [nginx, "-p", str(run), "-c", str(conf), "-g", "daemon off;"]
