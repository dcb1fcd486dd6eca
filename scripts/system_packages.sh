#!/usr/bin/env bash
# Installs the Debian packages the test suite needs when they are missing (CI runs as root).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "DejaVu Sans" || need+=(fonts-dejavu-core)
fc-list 2>/dev/null | grep -qi "Liberation Sans" || need+=(fonts-liberation2)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
# The production caching proxy (deploy/nginx/) runs in tests/ops/test_proxy_cache.py.
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
[ -e /usr/lib/nginx/modules/ngx_http_js_module.so ] || need+=(libnginx-mod-http-js)
# docker-compose.yml is checked with `docker-compose config` (tests/test_compose.py); that
# needs no Docker engine.
command -v docker-compose >/dev/null 2>&1 || need+=(docker-compose)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Mangler systempakker: ${need[*]}. Installer dem med: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
echo "Installerer systempakker: ${need[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
