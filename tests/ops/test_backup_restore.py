"""Backup and restore: scripts/backup.sh, then scripts/restore.sh into a fresh database and
an empty media directory, and the restored portal serves the same pages and files."""

import difflib
import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import redis

from .conftest import links, member_pages, public_pages, same_page
from .processes import ROOT, Portal

# django_db: the demo_site fixture copies the test database's schema.
pytestmark = [pytest.mark.worker, pytest.mark.django_db]

_SELECT = re.compile(r"(<select[^>]*>)(.*?)(</select>)", re.S)


def options_sorted(html):
    """The library's topic filter lists its options in no stated order (a query with GROUP BY
    ignores Meta.ordering), so PostgreSQL may list them differently in a restored database:
    compare the choices, not their order."""
    def sort(match):
        options = re.findall(r"<option.*?</option>", match[2], re.S)
        return match[1] + "".join(sorted(options)) + match[3]

    return _SELECT.sub(sort, html)


FILE_LINKS = r"/pdf/\d+/last-ned/|/moter/\d+/vedlegg/\d+/"


def script(name, *args, database, media):
    env = {**os.environ, "DATABASE_URL": database, "MEDIA_ROOT": str(media)}
    return subprocess.run(["bash", str(ROOT / "scripts" / name), *map(str, args)], env=env,
                          capture_output=True, text=True, timeout=120)


def read_everything(portal, site):
    """Every page a visitor and a member read, and every file they can download there."""
    member = portal.login(site.member, site.password)
    pages = {}
    for path, opener in [(p, None) for p in public_pages(portal)] + [
            (p, member) for p in member_pages(portal, member)]:
        html = portal.read(path, opener)
        # Absolute links name the server the page came from: the two portals' ports differ.
        pages[path, opener is member] = options_sorted(
            same_page(html).replace(portal.url, "http://portal"))
    files = {}
    for (_path, as_member), html in pages.items():
        for link in links(html, FILE_LINKS):
            response = (member if as_member else portal.opener()).open(portal.url + link,
                                                                       timeout=20)
            files[link] = hashlib.sha256(response.read()).hexdigest()
    return pages, files


def test_backup_restored_into_a_fresh_database_serves_the_same_pages(demo_site, private_redis,
                                                                   tmp_path):
    assert any(demo_site.media.rglob("*.pdf")), "the demo data should have rendered PDFs"
    # Backup first: reading marks pages as seen («Ny» goes away), and the restored portal's
    # first reading must be compared with the source portal's first reading.
    backups = tmp_path / "backups"
    made = script("backup.sh", backups, database=demo_site.url, media=demo_site.media)
    assert made.returncode == 0, made.stderr
    backup = Path(made.stdout.strip().splitlines()[-1])
    assert sorted(p.name for p in backup.iterdir()) == ["SHA256SUMS", "database.dump",
                                                        "media.tar.gz"]
    with Portal(demo_site.url, demo_site.media, private_redis.url,
                tmp_path / "source.log") as portal:
        pages, files = read_everything(portal, demo_site)
    assert files, "no downloadable file was linked from the pages read"

    # Into a database that does not exist yet, and an empty directory.
    restored = demo_site.cluster.url("normen_restored")
    restored_media = tmp_path / "restored-media"
    done = script("restore.sh", backup, database=restored, media=restored_media)
    assert done.returncode == 0, done.stderr
    # Nothing may come from the source portal's cached pages.
    redis.Redis.from_url(private_redis.url).flushdb()
    with Portal(restored, restored_media, private_redis.url,
                tmp_path / "restored.log") as portal:
        restored_pages, restored_files = read_everything(portal, demo_site)
    assert restored_pages.keys() == pages.keys()
    for key, html in pages.items():
        assert restored_pages[key] == html, "".join(difflib.unified_diff(
            html.splitlines(True), restored_pages[key].splitlines(True), str(key), "restored"))
    assert restored_files == files

    # A second restore onto the now filled database is refused, and touches nothing.
    again = script("restore.sh", backup, database=restored, media=tmp_path / "empty")
    assert again.returncode == 1
    assert "--replace" in again.stderr
    assert not (tmp_path / "empty").exists()

    # A damaged backup is refused before anything is touched.
    damaged = tmp_path / "damaged"
    shutil.copytree(backup, damaged)
    with open(damaged / "database.dump", "r+b") as dump:
        dump.seek(200)
        dump.write(b"\0" * 16)
    broken = script("restore.sh", damaged, database=demo_site.cluster.url("normen_x"),
                    media=tmp_path / "x")
    assert broken.returncode == 1
    assert "skadet" in broken.stderr
    assert not (tmp_path / "x").exists()
