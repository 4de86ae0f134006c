"""The packaged kiosk (``make dist`` -> ``dist/kiosk/kiosk``, built by kiosk.spec) works on its own: it starts under
Xvfb and draws the same screens as the kiosk run from source, prints its build version, makes a CV's PDF with its
fonts embedded, finds its devices, and holds every .kv, catalogue and asset file of the checkout.

    .venv/bin/python -m pytest tests/e2e/test_dist_binary.py -v -p no:cacheprovider

Slow: when ``dist/kiosk`` is missing or older than any source file, the first test builds it with PyInstaller into a
temporary folder, which takes one to several minutes (about 1 minute on an idle 2-core machine). ``make test`` runs
``make dist`` first when the build is out of date, so there it is only checked. ``JOBPOINT_DIST=<folder>`` tests
another build (an unpacked tarball, say).

Every comparison is with the same command run from source, in the same environment: a file missing from the build
shows as a difference, not as a pass.
"""

from __future__ import annotations

import filecmp
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.e2e.conftest import ROOT, Kiosk, _wait_until
from tests.e2e.test_lockdown import corner_failures

# The build itself (when needed) happens in the first test's setup: minutes, not the usual 60 s.
pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.timeout(900)]

#: What the build is made from; a build older than any of these is rebuilt (the Makefile's rule is the same).
SOURCE_DIRS = ("kiosk", "screens", "sync", "device", "assets")
SOURCE_FILES = ("kiosk.spec", "pyproject.toml", "docs/cv-sample.json")


def source_files() -> list[Path]:
    """Every file the build is made from (not caches, not the central service, which the build leaves out)."""
    files = [ROOT / name for name in SOURCE_FILES]
    for folder in SOURCE_DIRS:
        files += [path for path in (ROOT / folder).rglob("*") if path.is_file() and "__pycache__" not in path.parts
                  and not path.is_relative_to(ROOT / "sync" / "central")]
    return files


def source_version() -> str:
    """The version ``make dist`` gives a build of this checkout: pyproject's, plus "+<short git hash>" in git."""
    with open(ROOT / "pyproject.toml", "rb") as stream:
        version = tomllib.load(stream)["project"]["version"]
    git = shutil.which("git")
    if git:
        head = subprocess.run([git, "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        if head.returncode == 0 and head.stdout.strip():
            version += "+" + head.stdout.strip()
    return version


@pytest.fixture(scope="session")
def dist(tmp_path_factory) -> Path:
    """The one-folder build to test: $JOBPOINT_DIST, else dist/kiosk when it is newer than every source file, else a
    fresh PyInstaller build in a temporary folder (minutes)."""
    given = os.environ.get("JOBPOINT_DIST")
    if given:
        folder = Path(given)
        if not (folder / "kiosk").is_file():
            pytest.fail(f"JOBPOINT_DIST={given}: there is no kiosk program in that folder", pytrace=False)
        return folder
    folder = ROOT / "dist" / "kiosk"
    if (folder / "kiosk").is_file():
        built = (folder / "kiosk").stat().st_mtime
        if all(path.stat().st_mtime <= built for path in source_files()):
            return folder
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.fail("building the kiosk needs PyInstaller: pip install -e '.[build]' (or run make dist)",
                    pytrace=False)
    work = tmp_path_factory.mktemp("pyinstaller")
    result = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build"), str(ROOT / "kiosk.spec")],
        cwd=ROOT, env=dict(os.environ, JOBPOINT_VERSION=source_version()), capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(f"PyInstaller failed ({result.returncode}):\n{result.stderr[-3000:]}", pytrace=False)
    return work / "dist" / "kiosk"


def clean_env(home: Path, config: Path) -> dict:
    """The environment a kiosk PC gives the program: no test switches, no Python paths, its own HOME and config."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("KIVY_", "SDL_", "KIOSK_", "UI_TEST", "JOBPOINT_", "PYTHON"))}
    env.pop("DISPLAY", None)
    env.update(HOME=str(home), JOBPOINT_CONFIG=str(config))
    return env


@pytest.fixture
def place(tmp_path) -> dict:
    """A HOME, a config pointing the data folder into it, and 300 demo vacancies made by the build itself."""
    home = tmp_path / "home"
    home.mkdir()
    data = tmp_path / "data"
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[kiosk]\ndata_dir = "{data}"\n', encoding="utf-8")
    return {"home": home, "data": data, "config": config, "env": clean_env(home, config)}


def run(command: list[str], env: dict, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run a command to the end, with its output as text."""
    return subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)


def from_source(*args: str) -> list[str]:
    """The same kiosk command, run from this checkout."""
    return [sys.executable, "-m", "kiosk", *args]


class BuiltKiosk(Kiosk):
    """``kiosk run`` from the build (or, with ``binary=None``, from source), on an Xvfb, in its own data folder."""

    def __init__(self, binary: Path | None, xserver, workdir: Path, args: tuple[str, ...], env: dict):
        super().__init__(xserver, workdir, args)
        self.binary = binary
        self.env = env

    def start(self) -> BuiltKiosk:
        command = [str(self.binary)] if self.binary else [sys.executable, "-m", "kiosk"]
        env = dict(self.env, DISPLAY=self.x.display, PYTHONUNBUFFERED="1")
        if self.binary is None:
            env["PYTHONPATH"] = str(ROOT)
        with open(self.log_path, "wb") as log:
            # Started outside the checkout, so the build cannot read a file from the source tree by accident.
            self.proc = subprocess.Popen(command + ["run", *self.args], cwd=self.home, env=env,
                                         stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                         start_new_session=True)
        return self


def test_version_is_the_build_version(dist, place):
    result = run([str(dist / "kiosk"), "--version"], place["env"], place["home"])
    assert result.returncode == 0, result.stderr
    built = (dist / "_internal" / "kiosk" / "_version.txt").read_text(encoding="utf-8").strip()
    assert result.stdout.strip() == f"jobpoint {built}"
    with open(ROOT / "pyproject.toml", "rb") as stream:
        base = tomllib.load(stream)["project"]["version"]
    assert re.fullmatch(re.escape(base) + r"(\+[0-9A-Za-z.]+)?", built), built


def test_build_holds_every_kv_catalogue_and_asset_file(dist):
    internal = dist / "_internal"
    wanted = sorted(ROOT.glob("screens/**/*.kv")) + [ROOT / "docs" / "cv-sample.json"] + sorted(
        path for path in (ROOT / "assets").rglob("*") if path.is_file() and "__pycache__" not in path.parts)
    # Control: the lists are not empty, and hold the kinds of file the kiosk reads by path.
    names = {path.name for path in wanted}
    assert {"home.kv", "jobpoint.po", "cvdoc.po", "NotoSans-Regular.ttf", "places.json.gz"} <= names, names
    assert len(list(ROOT.glob("assets/locale/cy/LC_MESSAGES/*.po"))) >= 2
    missing = [str(path.relative_to(ROOT)) for path in wanted if not (internal / path.relative_to(ROOT)).is_file()]
    assert missing == [], f"not in the build: {missing}"
    changed = [str(path.relative_to(ROOT)) for path in wanted
               if not filecmp.cmp(path, internal / path.relative_to(ROOT), shallow=False)]
    assert changed == [], f"different in the build (rebuild it): {changed}"


#: What `make` runs on the build machine to prepare the open data (kiosk.spec leaves them out).
BUILD_MACHINE_ONLY = ("assets_build", "soc2020_build")


def test_build_holds_the_kiosk_code_and_not_the_central_service(dist):
    from PyInstaller.archive.readers import CArchiveReader

    modules = set(CArchiveReader(str(dist / "kiosk")).open_embedded_archive("PYZ.pyz").toc)
    ours = {".".join(path.relative_to(ROOT).with_suffix("").parts) for package in ("kiosk", "screens", "sync", "device")
            for path in (ROOT / package).rglob("*.py")
            if path.stem not in ("__init__", "__main__", *BUILD_MACHINE_ONLY) and "central" not in path.parts}
    assert {"kiosk.jobs.search", "kiosk.benefits.rules.universal_credit", "screens.cv.preview"} <= ours
    assert sorted(ours - modules) == [], "modules missing from the build"
    assert not [name for name in modules if name.rpartition(".")[2] in BUILD_MACHINE_ONLY], "build-time code shipped"
    for name in ("smartcard.pcsc.PCSCReader", "fontTools.ttLib.tables._g_l_y_f", "kivy.core.image.img_sdl2",
                 "babel.dates", "qrcode", "certifi", "cryptography.hazmat.primitives.ciphers.aead"):
        assert name in modules, name
    assert (dist / "_internal" / "certifi" / "cacert.pem").is_file()  # requests' CA bundle, for HTTPS
    unwanted = sorted(name for name in modules
                      if name.split(".")[0] in ("fastapi", "uvicorn", "sqlalchemy", "pytest", "tkinter", "selenium")
                      or name.startswith("sync.central"))
    assert unwanted == []


def test_cv_pdf_from_the_build_has_embedded_fonts_and_matches_source(dist, place, tmp_path):
    sample = json.loads((ROOT / "docs" / "cv-sample.json").read_text(encoding="utf-8"))
    for language in ("en", "cy"):
        cv = tmp_path / f"cv-{language}.json"
        cv.write_text(json.dumps(dict(sample, language=language), ensure_ascii=False), encoding="utf-8")
        outputs = {}
        for who, command in (("build", [str(dist / "kiosk")]), ("source", from_source())):
            pdf, text = tmp_path / f"{who}-{language}.pdf", tmp_path / f"{who}-{language}.txt"
            env = dict(place["env"], PYTHONPATH=str(ROOT)) if who == "source" else place["env"]
            result = run(command + ["cv-pdf", "--cv", str(cv), "--out", str(pdf), "--text", str(text)],
                         env, place["home"])
            assert result.returncode == 0, f"{who}: {result.stderr}"
            assert pdf.read_bytes().startswith(b"%PDF-")
            outputs[who] = (text.read_text(encoding="utf-8"),
                            run(["pdftotext", "-layout", str(pdf), "-"], place["env"], tmp_path).stdout)
            if who == "build":
                fonts = run(["pdffonts", str(pdf)], place["env"], tmp_path).stdout
                rows = [line.split() for line in fonts.splitlines()[2:]]
                assert rows and all("NotoSans" in row[0] for row in rows), fonts
                # Columns: name type... emb sub uni: every font embedded (a subset), with a Unicode map.
                assert all(row[-5:-2] == ["yes", "yes", "yes"] for row in rows), fonts
        # Headings (the cvdoc catalogue) and month names (Babel's en_GB / cy data) as from source.
        assert outputs["build"] == outputs["source"], language
    assert "Hanes gwaith" in outputs["build"][0]  # control: the Welsh CV really was printed in Welsh


def test_devices_from_the_build_match_source(dist, place):
    # pyscard, the CUPS and espeak-ng providers, run as child processes of the build (its library path).
    built = run([str(dist / "kiosk"), "devices"], place["env"], place["home"])
    source = run(from_source("devices"), dict(place["env"], PYTHONPATH=str(ROOT)), place["home"])
    assert built.returncode == source.returncode
    table = lambda out: [line for line in out.splitlines() if re.match(r"(card|printer|speech) ", line)]
    assert len(table(source.stdout)) == 3, source.stdout + source.stderr
    assert table(built.stdout) == table(source.stdout)
    assert "cannot run here" not in built.stdout + built.stderr


def test_build_enrols_and_syncs_with_the_real_central_service(dist, place, tmp_path):
    """requests, cryptography and the sync client in the build, over real HTTP on loopback."""
    from tests.sync.central_server import CentralServer
    from tests.sync.records import vacancy

    central = CentralServer(tmp_path / "central")
    try:
        central.ingest([vacancy(n) for n in range(12)])
        credential = tmp_path / "cred" / "credential.json"
        place["config"].write_text(f'[kiosk]\ndata_dir = "{place["data"]}"\n[central]\nurl = "{central.url}"\n'
                                   f'credential_file = "{credential}"\n[sync]\ntimeout_seconds = 5\n',
                                   encoding="utf-8")
        kiosk = str(dist / "kiosk")
        enrolled = run([kiosk, "enrol", central.token(), "--name", "build-1"], place["env"], place["home"])
        assert enrolled.returncode == 0, enrolled.stderr
        assert "Enrolled as kiosk" in enrolled.stdout and credential.is_file()
        synced = run([kiosk, "sync", "--once"], place["env"], place["home"])
        assert synced.returncode == 0, synced.stderr
        assert "12 open, checked against the service" in synced.stdout
    finally:
        central.close()


def test_build_starts_on_the_home_screen(dist, place, xserver, tmp_path):
    demo = run([str(dist / "kiosk"), "demo-data", "--vacancies", "300"], place["env"], place["home"])
    assert demo.returncode == 0, demo.stderr
    assert (place["data"] / "vacancies.db").is_file()
    env = dict(place["env"], KIOSK_STARTUP_PROBE="1")
    kiosk = BuiltKiosk(dist / "kiosk", xserver, tmp_path, (), env).start()
    try:
        code = kiosk.proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        kiosk.stop()
        pytest.fail(f"the build did not stop after its start-up probe\n{kiosk.log()}")
    log = kiosk.log()
    assert code == 0, log
    assert re.search(r"^PROBE first_frame [\d.]+ screen=home$", log, re.M), log
    assert re.search(r"^PROBE mem_MiB rss=\d+", log, re.M), log
    assert "Traceback" not in log, log


def test_build_draws_the_same_screens_as_source(dist, place, xserver_factory, tmp_path):
    """The attract screen, then (after a touch) the home screen, pixel for pixel as the kiosk from source."""
    width, height = 1920, 1080
    demo = run([str(dist / "kiosk"), "demo-data", "--vacancies", "300"], place["env"], place["home"])
    assert demo.returncode == 0, demo.stderr
    shots = {}
    for who, binary in (("build", dist / "kiosk"), ("source", None)):
        xserver = xserver_factory(width, height)
        workdir = tmp_path / who
        workdir.mkdir()
        kiosk = BuiltKiosk(binary, xserver, workdir, ("--kiosk",), place["env"]).start()
        try:
            attract = kiosk.wait_drawn(timeout=40)
            attract.save(tmp_path / f"{who}-attract.png")
            assert corner_failures(attract) == [], f"{who}: see {tmp_path / f'{who}-attract.png'}"
            xserver.move_pointer(width // 2, height // 2)
            xserver.run("xdotool", "click", "1")  # a touch on the attract screen starts a session on home
            previous = [attract]

            def settled_elsewhere(xserver=xserver, attract=attract, previous=previous):
                shot = xserver.screenshot()
                moved = shot.tobytes() != attract.tobytes() and shot.tobytes() == previous[-1].tobytes()
                previous.append(shot)
                return shot if moved else None

            home = _wait_until(settled_elsewhere, 20, f"{who}: the home screen after a touch", interval=0.3)
            home.save(tmp_path / f"{who}-home.png")
            shots[who] = (attract, home)
            assert "Traceback" not in kiosk.log(), kiosk.log()
        finally:
            kiosk.stop()
            xserver.stop()
    from PIL import ImageChops

    for index, screen in enumerate(("attract", "home")):
        box = ImageChops.difference(shots["build"][index], shots["source"][index]).getbbox()
        assert box is None, f"the {screen} screen differs in {box}: see {tmp_path}/build-{screen}.png"
