"""The shipped nginx config (deploy/central/nginx.conf), run for real in front of the central service: TLS, the
API proxied, snapshots served from the folder with their cache headers and ranges, and a kiosk's snapshot first
sync through it, carried on after a cut with nginx's own ETag; release bundles cached by nginx, each kiosk's
credential still checked by the app."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from sync.central.enrolment import revoke_kiosk
from sync.central.releases import add_release
from sync.central.snapshots import build_snapshot, latest_manifest
from sync.client import CentralClient
from sync.credentials import enrol
from sync.snapshot import take_snapshot
from tests.central.conftest import free_port
from tests.sync.bundles import make_bundle, member
from tests.sync.central_server import CentralServer, wait_for_port
from tests.sync.records import vacancy

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

pytestmark = pytest.mark.thorough


def _certificate(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def _site(folder: Path, app_port: int, https_port: int, http_port: int, snapshots: Path) -> str:
    """The shipped site config with only its ports, certificate and folder changed (each must be there)."""
    site = (ROOT / "deploy/central/nginx.conf").read_text()
    cert, key = _certificate(folder)
    for old, new in (("server 127.0.0.1:8470;", f"server 127.0.0.1:{app_port};"),
                     ("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;"),
                     ("listen 80;", f"listen 127.0.0.1:{http_port};"),
                     ("/etc/ssl/jobpoint/fullchain.pem", str(cert)), ("/etc/ssl/jobpoint/privkey.pem", str(key)),
                     ("alias /var/lib/jobpoint-central/snapshots/;", f"alias {snapshots}/;"),
                     ("/var/cache/nginx/jobpoint-releases", str(folder / "releases-cache")),
                     ("server_name central.jobpoint.example;", "server_name localhost;")):
        assert old in site, f"deploy/central/nginx.conf no longer has {old!r}"
        site = site.replace(old, new)
    return site


@pytest.fixture
def behind_nginx(tmp_path):
    """The central service with a snapshot, nginx in front of it: (central, https url, certificate)."""
    if not Path(NGINX).exists():
        pytest.skip("nginx is not installed (make test installs it)")
    central = CentralServer(tmp_path / "central")
    central.ingest([vacancy(n) for n in range(40)])
    build_snapshot(central.storage, central.folder / "snapshots", central.now())
    work = tmp_path / "nginx"
    work.mkdir()
    https_port, http_port = free_port(), free_port()
    (work / "site.conf").write_text(_site(work, central.port, https_port, http_port, central.folder / "snapshots"))
    temp = " ".join(f"{kind}_temp_path {work / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi",
                                                                     "scgi"))
    # As root (CI), nginx's workers would be "nobody", who cannot read the test's private temporary folder.
    user = "user root;\n" if os.geteuid() == 0 else ""
    (work / "nginx.conf").write_text(
        f"{user}daemon off; pid {work / 'nginx.pid'}; error_log {work / 'error.log'} warn;\n"
        f"events {{ worker_connections 256; }}\n"
        f"http {{ access_log off; default_type application/octet-stream; {temp}\n"
        f"include {work / 'site.conf'}; }}\n")
    checked = subprocess.run([NGINX, "-t", "-c", str(work / "nginx.conf"), "-p", str(work)], capture_output=True,
                             text=True)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen([NGINX, "-c", str(work / "nginx.conf"), "-p", str(work)], stderr=subprocess.PIPE)
    try:
        wait_for_port(https_port, process=process)
        yield central, f"https://localhost:{https_port}", str(work / "cert.pem"), f"http://localhost:{http_port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        central.close()


def test_nginx_serves_snapshots_with_ranges_and_proxies_the_api(behind_nginx):
    central, url, cert, plain = behind_nginx
    manifest = latest_manifest(central.folder / "snapshots")
    file_url = f"{url}/v1/vacancies/snapshot/files/{manifest.file}"
    whole = requests.get(file_url, verify=cert, timeout=10, headers={"Accept-Encoding": "identity"})
    assert whole.status_code == 200 and len(whole.content) == manifest.bytes
    assert "immutable" in whole.headers["Cache-Control"] and whole.headers["ETag"]
    part = requests.get(file_url, verify=cert, timeout=10, headers={"Range": "bytes=10-29",
                                                                    "If-Range": whole.headers["ETag"]})
    assert part.status_code == 206 and part.content == whole.content[10:30]
    api = requests.post(f"{url}/v1/enrol", json={"token": "x" * 40, "kiosk_name": "leeds-1"}, verify=cert, timeout=10)
    assert api.status_code == 401 and api.json()["error"] == "bad_token"  # the app's own answer, through nginx
    moved = requests.get(f"{plain}/dashboard", timeout=10, allow_redirects=False)
    assert moved.status_code == 301 and moved.headers["Location"].startswith("https://localhost")


def test_a_kiosk_takes_the_snapshot_through_nginx_and_carries_on_after_a_cut(behind_nginx, tmp_path, monkeypatch):
    central, url, cert, _plain = behind_nginx
    # How a kiosk trusts a department's own CA: requests reads the bundle named here (it wins over Session.verify).
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", cert)
    manifest = latest_manifest(central.folder / "snapshots")
    credential = enrol(central.url, central.token(), "leeds-1", tmp_path / "credential.json")
    client = CentralClient(url, credential.credential)
    cache = tmp_path / "kiosk" / "vacancies.db"
    cache.parent.mkdir()
    # Half of it, with nginx's ETag beside it, as a cut download leaves it.
    half = manifest.bytes // 2
    first = requests.get(f"{url}/v1/vacancies/snapshot/files/{manifest.file}", verify=cert, timeout=10,
                         headers={"Range": f"bytes=0-{half - 1}", "Accept-Encoding": "identity"})
    cache.with_name("vacancies.db.snapshot.part").write_bytes(first.content)
    cache.with_name("vacancies.db.snapshot.part.from").write_text(f"{manifest.file}\n{first.headers['ETag']}\n")
    from kiosk.jobs.cache import open_cache
    db = open_cache(cache)
    started = time.monotonic()
    taken = take_snapshot(db, client, cache)
    assert taken is not None and taken.resumed_from == half and taken.downloaded_bytes == manifest.bytes - half
    assert db.execute("SELECT count(*) FROM vacancies").fetchone()[0] == 40
    assert time.monotonic() - started < 60


def test_nginx_keeps_a_release_bundle_and_still_asks_the_app_about_each_kiosk(behind_nginx, tmp_path):
    central, url, cert, _plain = behind_nginx
    path = make_bundle(tmp_path, "0.2.0", extra=[member("jobpoint-0.2.0/blob", os.urandom(200_000))])
    release = add_release(central.storage, path, "0.2.0", central.now())
    leeds = enrol(central.url, central.token(), "leeds-1", tmp_path / "leeds.json")
    york = enrol(central.url, central.token(), "york-1", tmp_path / "york.json")
    bundle = f"{url}/v1/releases/0.2.0/bundle"

    def fetch(credential):
        return requests.get(bundle, verify=cert, timeout=30, headers={
            "Accept-Encoding": "identity", **({"Authorization": f"Bearer {credential}"} if credential else {})})

    first, second = fetch(leeds.credential), fetch(york.credential)
    assert first.status_code == second.status_code == 200
    assert first.headers["X-Cache-Status"] == "MISS" and second.headers["X-Cache-Status"] == "HIT"
    for answer in (first, second):  # the same bytes and the app's checksum, from the app or from the cache
        assert answer.content == path.read_bytes() and answer.headers["X-Checksum-Sha256"] == release.sha256
    # The cache never stands in for a credential: none, a made-up one, or one revoked after the bundle was cached.
    assert fetch(None).status_code == 401
    assert fetch("k" * 43).status_code == 401
    revoke_kiosk(central.storage, york.kiosk_id, central.now())
    assert fetch(york.credential).status_code == 401
    assert fetch(leeds.credential).headers["X-Cache-Status"] == "HIT"
