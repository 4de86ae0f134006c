"""End-to-end harness: a private Xvfb per test, the real ``kiosk run`` process on it, and X tools to drive and
inspect it (xdotool, xwininfo, ImageMagick's ``import``, wmctrl, openbox).

Nothing here is shared between tests: every test gets its own X server on a free display number (``-displayfd``),
its own HOME and its own log file, and every process started is killed by a finalizer even when the test fails.

The parent ``tests/conftest.py`` points *this* process at SDL's offscreen driver and removes DISPLAY; the kiosk
child must not inherit that, so its environment is rebuilt from scratch (``_child_env``).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import io
import os
import re
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: Every X tool the E2E tests call, and the Debian package that provides it (CI installs them).
TOOLS = {
    "Xvfb": "xvfb",
    "xwininfo": "x11-utils",
    "xprop": "x11-utils",
    "xdotool": "xdotool",
    "import": "imagemagick",
    "openbox": "openbox",
    "wmctrl": "wmctrl",
}

WINDOW_TITLE = "Jobpoint"


@pytest.fixture(scope="session")
def x_tools():
    """Fail (not skip) with the apt command when a tool is missing: CI is expected to install them."""
    missing = {tool: pkg for tool, pkg in TOOLS.items() if shutil.which(tool) is None}
    if missing:
        pytest.fail(f"E2E tests need these X tools, not found on PATH: {', '.join(missing)}. "
                    f"Install with: apt-get install -y {' '.join(sorted(set(missing.values())))}", pytrace=False)
    try:
        from PIL import Image  # noqa: F401
    except ImportError:
        pytest.fail("E2E tests need Pillow: pip install -e '.[test]'", pytrace=False)
    for lib in ("X11", "Xfixes"):
        if not ctypes.util.find_library(lib):
            pytest.fail(f"E2E tests need lib{lib} (apt-get install -y lib{lib.lower()}6 / libxfixes3)",
                        pytrace=False)


def _stop(proc: subprocess.Popen | None, timeout: float = 5.0) -> None:
    """Terminate one process we started, then kill it if it does not go."""
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout)


def _wait_until(predicate, timeout: float, what: str, interval: float = 0.05, detail=lambda: ""):
    """Poll ``predicate`` until it returns something truthy; fail with ``what`` after ``timeout`` seconds."""
    end = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > end:
            extra = detail()
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}" + (f"\n{extra}" if extra else ""),
                        pytrace=False)
        time.sleep(interval)


class XServer:
    """One Xvfb on a free display, plus the X tools run against it."""

    def __init__(self, width: int, height: int, workdir: Path):
        self.width, self.height = width, height
        self.workdir = workdir
        self.log_path = workdir / "xvfb.log"
        self.proc: subprocess.Popen | None = None
        self.display = ""
        self.wm: subprocess.Popen | None = None

    def start(self, timeout: float = 10.0) -> XServer:
        """Start Xvfb; returns once it accepts connections (it writes its display number to -displayfd then)."""
        read_fd, write_fd = os.pipe()
        try:
            with open(self.log_path, "wb") as log:
                self.proc = subprocess.Popen(
                    ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{self.width}x{self.height}x24",
                     "-nolisten", "tcp", "-noreset", "-br"],
                    pass_fds=(write_fd,), stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                    start_new_session=True)
            os.close(write_fd)
            write_fd = -1
            data = b""
            end = time.monotonic() + timeout
            while not data.endswith(b"\n"):
                left = end - time.monotonic()
                if left <= 0 or not select.select([read_fd], [], [], left)[0]:
                    pytest.fail(f"Xvfb did not become ready in {timeout:.0f} s:\n{self.log_path.read_text()}",
                                pytrace=False)
                chunk = os.read(read_fd, 64)
                if not chunk:
                    pytest.fail(f"Xvfb exited (code {self.proc.wait()}):\n{self.log_path.read_text()}",
                                pytrace=False)
                data += chunk
        finally:
            os.close(read_fd)
            if write_fd >= 0:
                os.close(write_fd)
        self.display = ":" + data.decode().strip()
        return self

    def env(self, **extra) -> dict:
        env = dict(os.environ, DISPLAY=self.display)
        env.pop("SDL_VIDEODRIVER", None)
        env.update(extra)
        return env

    def run(self, *cmd: str, check: bool = True, timeout: float = 10.0) -> str:
        """Run an X tool on this display and return its stdout."""
        result = subprocess.run(cmd, env=self.env(), capture_output=True, text=True, timeout=timeout)
        if check and result.returncode != 0:
            raise AssertionError(f"{' '.join(cmd)} failed with {result.returncode}: {result.stderr.strip()}")
        return result.stdout

    def move_pointer(self, x: int, y: int, timeout: float = 5.0) -> None:
        """Move the mouse to (x, y) and wait until X reports it there.

        (Not ``xdotool mousemove --sync``: it waits forever when the pointer is already at the target.)
        """
        self.run("xdotool", "mousemove", str(x), str(y))
        _wait_until(lambda: self.run("xdotool", "getmouselocation").startswith(f"x:{x} y:{y} "), timeout,
                    f"the pointer to reach {x},{y}")

    def screenshot(self, save_as: Path | None = None):
        """The whole X root window as a Pillow RGB image (what a person would see on the screen)."""
        from PIL import Image

        png = subprocess.run(["import", "-window", "root", "png:-"], env=self.env(), capture_output=True,
                             timeout=10, check=True).stdout
        image = Image.open(io.BytesIO(png)).convert("RGB")
        if save_as is not None:
            image.save(save_as)
        return image

    def root_size(self) -> tuple[int, int]:
        info = self.run("xwininfo", "-root")
        return int(re.search(r"Width: (\d+)", info)[1]), int(re.search(r"Height: (\d+)", info)[1])

    def find_window(self, title: str = WINDOW_TITLE) -> int | None:
        """The id of the first window named exactly ``title``, or None.

        ``xwininfo -root -tree`` rather than ``xdotool search --name``: xdotool 3.20160805 missed the kiosk's
        window (UTF8_STRING WM_NAME) on most calls here.
        """
        tree = self.run("xwininfo", "-root", "-tree", check=False)
        match = re.search(rf'^\s*(0x[0-9a-f]+) "{re.escape(title)}":', tree, re.M)
        return int(match[1], 16) if match else None

    def window_geometry(self, wid: int) -> dict:
        """Absolute position, size and map state of a window, from ``xwininfo -id``."""
        info = self.run("xwininfo", "-id", str(wid))
        grab = lambda label: re.search(rf"{label}:\s+(\S+)", info)[1]
        return {"x": int(grab("Absolute upper-left X")), "y": int(grab("Absolute upper-left Y")),
                "width": int(grab("Width")), "height": int(grab("Height")), "map_state": grab("Map State")}

    def cursor_image(self) -> tuple[int, int, int]:
        """The cursor X is showing now, from XFixes: (width, height, number of non-transparent pixels)."""

        class XFixesCursorImage(ctypes.Structure):
            _fields_ = [("x", ctypes.c_short), ("y", ctypes.c_short),
                        ("width", ctypes.c_ushort), ("height", ctypes.c_ushort),
                        ("xhot", ctypes.c_ushort), ("yhot", ctypes.c_ushort),
                        ("cursor_serial", ctypes.c_ulong), ("pixels", ctypes.POINTER(ctypes.c_ulong)),
                        ("atom", ctypes.c_ulong), ("name", ctypes.c_char_p)]

        x11 = ctypes.CDLL(ctypes.util.find_library("X11"))
        xfixes = ctypes.CDLL(ctypes.util.find_library("Xfixes"))
        x11.XOpenDisplay.restype = ctypes.c_void_p
        x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
        x11.XFree.argtypes = [ctypes.c_void_p]
        xfixes.XFixesGetCursorImage.restype = ctypes.POINTER(XFixesCursorImage)
        xfixes.XFixesGetCursorImage.argtypes = [ctypes.c_void_p]
        display = x11.XOpenDisplay(self.display.encode())
        assert display, f"cannot open X display {self.display}"
        try:
            pointer = xfixes.XFixesGetCursorImage(display)
            assert pointer, "XFixesGetCursorImage failed"
            image = pointer.contents
            pixels = image.width * image.height
            opaque = sum(1 for i in range(pixels) if (image.pixels[i] >> 24) & 0xFF)
            result = (image.width, image.height, opaque)
            x11.XFree(ctypes.cast(pointer, ctypes.c_void_p))
            return result
        finally:
            x11.XCloseDisplay(display)

    def start_window_manager(self, timeout: float = 10.0) -> None:
        """Start openbox and wait until it has taken over (EWMH ``_NET_SUPPORTING_WM_CHECK`` on the root)."""
        home = self.workdir / "wm-home"
        home.mkdir(exist_ok=True)
        with open(self.workdir / "openbox.log", "wb") as log:
            self.wm = subprocess.Popen(["openbox", "--sm-disable"], env=self.env(HOME=str(home)),
                                       stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                       start_new_session=True)
        _wait_until(lambda: self.wm.poll() is not None
                    or "window id" in self.run("xprop", "-root", "_NET_SUPPORTING_WM_CHECK", check=False),
                    timeout, "openbox to start")
        if self.wm.poll() is not None:
            pytest.fail(f"openbox exited with {self.wm.returncode}:\n{(self.workdir / 'openbox.log').read_text()}",
                        pytrace=False)

    def stop(self) -> None:
        _stop(self.wm)
        _stop(self.proc)


class Kiosk:
    """The real ``python -m kiosk run`` process, its stdout in a log file."""

    def __init__(self, xserver: XServer, workdir: Path, args: tuple[str, ...] = ("--kiosk",),
                 extra_env: dict | None = None):
        self.x = xserver
        self.args = args
        self.extra_env = extra_env or {}
        self.home = workdir / "home"
        self.home.mkdir(exist_ok=True)
        self.log_path = workdir / "kiosk.log"
        self.proc: subprocess.Popen | None = None
        self.wid: int | None = None

    def _child_env(self) -> dict:
        env = {key: value for key, value in os.environ.items()
               if not key.startswith(("KIVY_", "SDL_", "KIOSK_", "UI_TEST", "JOBPOINT_"))}
        env.update(DISPLAY=self.x.display, HOME=str(self.home), PYTHONUNBUFFERED="1", **self.extra_env)
        return env

    def start(self) -> Kiosk:
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen([sys.executable, "-m", "kiosk", "run", *self.args], cwd=ROOT,
                                         env=self._child_env(), stdin=subprocess.DEVNULL, stdout=log,
                                         stderr=subprocess.STDOUT, start_new_session=True)
        return self

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def _tail(self) -> str:
        return "kiosk log (last 30 lines):\n" + "\n".join(self.log().splitlines()[-30:])

    def _check_alive(self) -> bool:
        if not self.alive():
            pytest.fail(f"the kiosk exited with code {self.proc.returncode}\n{self._tail()}", pytrace=False)
        return False

    def wait_window(self, timeout: float = 20.0) -> int:
        """Wait until the window named "Jobpoint" exists and is mapped (viewable); returns its id."""

        def mapped():
            self._check_alive()
            wid = self.x.find_window()
            if wid is not None and self.x.window_geometry(wid)["map_state"] == "IsViewable":
                return wid
            return None

        self.wid = _wait_until(mapped, timeout, 'a mapped X window named "Jobpoint"', interval=0.1,
                               detail=self._tail)
        return self.wid

    def wait_drawn(self, timeout: float = 20.0):
        """Wait until the app has drawn: the screen's centre is not the black root any more, and two screenshots
        in a row are the same (no half-drawn frame). Returns the last screenshot."""
        self.wait_window(timeout)
        previous = []

        def settled():
            self._check_alive()
            shot = self.x.screenshot()
            w, h = shot.size
            centre = shot.crop((w // 2 - 50, h // 2 - 50, w // 2 + 50, h // 2 + 50))
            drawn = centre.getextrema() != ((0, 0), (0, 0), (0, 0))
            same = bool(previous) and previous[-1].tobytes() == shot.tobytes()
            previous[:] = [shot]
            return shot if drawn and same else None

        return _wait_until(settled, timeout, "the kiosk to draw its first screen", interval=0.2, detail=self._tail)

    def stop(self) -> None:
        _stop(self.proc)


@pytest.fixture
def xserver_factory(x_tools, tmp_path):
    """``xserver_factory(1920, 1080)``: a started Xvfb of that size, stopped (with its WM) after the test."""
    servers: list[XServer] = []

    def make(width: int = 1920, height: int = 1080) -> XServer:
        workdir = tmp_path / f"x{len(servers)}"
        workdir.mkdir()
        server = XServer(width, height, workdir)
        servers.append(server)
        return server.start()

    yield make
    for server in reversed(servers):
        server.stop()


@pytest.fixture
def xserver(xserver_factory):
    """A 1920x1080x24 Xvfb, started."""
    return xserver_factory(1920, 1080)


@pytest.fixture
def kiosk_factory(xserver_factory, tmp_path):
    """``kiosk_factory(xserver, args=("--kiosk",))``: a started kiosk process, stopped after the test."""
    started: list[Kiosk] = []

    def make(xserver: XServer, args: tuple[str, ...] = ("--kiosk",), extra_env: dict | None = None) -> Kiosk:
        workdir = tmp_path / f"kiosk{len(started)}"
        workdir.mkdir()
        kiosk = Kiosk(xserver, workdir, args, extra_env)
        started.append(kiosk)
        return kiosk.start()

    yield make
    for kiosk in started:
        kiosk.stop()
