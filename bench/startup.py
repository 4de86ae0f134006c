"""Start-up time and memory of the kiosk against a minimal Kivy app (one Button), under one private Xvfb.

    .venv/bin/python bench/startup.py [--runs 5] [--warmup 1] [--size 1920x1080]

For each run it records, from just before ``Popen`` to the app's ``PROBE first_frame <unix time>`` line, the time
to the first frame drawn, and the RSS (and peak RSS) from the ``PROBE mem_MiB`` line printed 2 s later, after which
the app stops itself. The kiosk prints these lines with ``KIOSK_STARTUP_PROBE=1`` (screens/tools/probe.py); the baseline
app, written to a temporary file, prints the same lines the same way. Both get the same Kivy switches
(KIVY_NO_ARGS, KIVY_NO_CONFIG, KIVY_NO_FILELOG) and the same window: borderless, at 0,0, the size of the X screen,
so the difference is the kiosk's own code, kv, fonts and screens. Runs alternate baseline/kiosk so that a busy
moment of the machine hits both. Warm-up runs (not counted) fill the file cache first.

This is a script, not a test: it prints a table and exits 0, or exits 1 when a run fails.
"""

from __future__ import annotations

import argparse
import os
import re
import select
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BASELINE_APP = '''\
"""Minimal Kivy app for bench/startup.py: one Button, the same probe lines as screens/tools/probe.py."""
import os
import sys
import time

from kivy.config import Config

width, height = (int(v) for v in sys.argv[1].split("x"))
Config.set("graphics", "width", str(width))
Config.set("graphics", "height", str(height))
Config.set("graphics", "borderless", "1")
Config.set("graphics", "position", "custom")
Config.set("graphics", "left", "0")
Config.set("graphics", "top", "0")

from kivy.app import App  # noqa: E402
from kivy.clock import Clock  # noqa: E402
from kivy.core.window import Window  # noqa: E402
from kivy.uix.button import Button  # noqa: E402


def memory_mib():
    values = {}
    with open("/proc/self/status") as status:
        for line in status:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0]) // 1024
    return values


class Baseline(App):
    def build(self):
        return Button(text="Touch the screen to start")

    def on_start(self):
        Window.bind(on_flip=self.first_flip)

    def first_flip(self, *_args):
        Window.unbind(on_flip=self.first_flip)
        print(f"PROBE first_frame {time.time():.6f} screen=baseline", flush=True)
        Clock.schedule_once(self.report, 2.0)

    def report(self, _dt):
        memory = memory_mib()
        print(f"PROBE mem_MiB rss={memory['VmRSS']} peak={memory['VmHWM']}", flush=True)
        self.stop()


Baseline().run()
'''

FIRST_FRAME = re.compile(r"^PROBE first_frame (\d+\.\d+)", re.M)
MEMORY = re.compile(r"^PROBE mem_MiB rss=(\d+) peak=(\d+)", re.M)


def start_xvfb(size: str, workdir: Path) -> tuple[subprocess.Popen, str]:
    """Start Xvfb on a free display; return once it accepts connections."""
    read_fd, write_fd = os.pipe()
    with open(workdir / "xvfb.log", "wb") as log:  # Xvfb keeps its own copy of the file
        proc = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{size}x24", "-nolisten",
                                 "tcp", "-noreset", "-br"], pass_fds=(write_fd,), stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)
    os.close(write_fd)
    data = b""
    end = time.monotonic() + 10
    try:
        while not data.endswith(b"\n"):
            if not select.select([read_fd], [], [], max(0.0, end - time.monotonic()))[0]:
                raise SystemExit("Xvfb did not start within 10 s")
            chunk = os.read(read_fd, 64)
            if not chunk:
                raise SystemExit(f"Xvfb exited: {(workdir / 'xvfb.log').read_text()}")
            data += chunk
    finally:
        os.close(read_fd)
    return proc, ":" + data.decode().strip()


def child_env(display: str, home: Path, **extra: str) -> dict:
    """This environment without anything that would steer Kivy or SDL elsewhere, plus the common switches."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("KIVY_", "SDL_", "KIOSK_", "JOBPOINT_"))}
    env.update(DISPLAY=display, HOME=str(home), PYTHONUNBUFFERED="1",
               KIVY_NO_ARGS="1", KIVY_NO_CONFIG="1", KIVY_NO_FILELOG="1", **extra)
    return env


def measure(command: list[str], env: dict, log_path: Path, timeout: float = 60.0) -> tuple[float, int, int]:
    """One run: seconds from just before Popen to the first frame, RSS MiB and peak RSS MiB 2 s later."""
    with open(log_path, "wb") as log:
        started = time.time()
        proc = subprocess.Popen(command, env=env, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT)
    try:
        code = proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise SystemExit(f"{shlex.join(command)} did not stop itself within {timeout:.0f} s; see {log_path}") from None
    text = log_path.read_text(errors="replace")
    frame, memory = FIRST_FRAME.search(text), MEMORY.search(text)
    if code != 0 or not frame or not memory:
        raise SystemExit(f"{shlex.join(command)} exited {code} without both PROBE lines:\n{text[-3000:]}")
    return float(frame[1]) - started, int(memory[1]), int(memory[2])


def summary(values: list[float], fmt: str) -> str:
    return f"{fmt.format(statistics.median(values))} ({fmt.format(min(values))}-{fmt.format(max(values))})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="measured runs of each app (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="runs of each app first, not counted (default 1)")
    parser.add_argument("--size", default="1920x1080", help="X screen size (default 1920x1080)")
    args = parser.parse_args(argv)

    here = Path.cwd()
    script = os.path.relpath(__file__, here)
    python = os.path.relpath(sys.executable, here) if sys.executable.startswith(str(here)) else sys.executable
    print(f"# reproduce: cd {here} && {python} {script} --runs {args.runs} --warmup {args.warmup} --size {args.size}")
    print(f"# {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, X screen {args.size}x24 (Xvfb, llvmpipe), "
          f"load average before: {os.getloadavg()[0]:.2f}", flush=True)

    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        workdir = Path(tmp)
        home = workdir / "home"
        home.mkdir()
        baseline_py = workdir / "baseline_app.py"
        baseline_py.write_text(BASELINE_APP)
        xvfb, display = start_xvfb(args.size, workdir)
        try:
            apps = {
                "baseline (1 Button)": ([sys.executable, str(baseline_py), args.size], child_env(display, home)),
                "kiosk --kiosk": ([sys.executable, "-m", "kiosk", "run", "--kiosk"],
                                  child_env(display, home, KIOSK_STARTUP_PROBE="1")),
                # Without --kiosk the first screen drawn is home, which the closing notes report.
                "kiosk (home)": ([sys.executable, "-m", "kiosk", "run"],
                                 child_env(display, home, KIOSK_STARTUP_PROBE="1")),
            }
            results: dict[str, list[tuple[float, int, int]]] = {name: [] for name in apps}
            for run in range(args.warmup + args.runs):
                for name, (command, env) in apps.items():
                    result = measure(command, env, workdir / f"run{run}.log")
                    counted = run >= args.warmup
                    if counted:
                        results[name].append(result)
                    print(f"  {'run' if counted else 'warm-up'} {run - args.warmup + 1 if counted else run + 1}"
                          f"  {name:<20} first frame {result[0]:.3f} s  rss {result[1]} MiB  peak {result[2]} MiB",
                          flush=True)
        finally:
            xvfb.terminate()
            xvfb.wait(10)

    print()
    print(f"{'app':<20} {'spawn -> first frame, s':<26} {'RSS after 2 s, MiB':<20} {'peak RSS, MiB':<16}")
    print(f"{'':<20} {'median (min-max)':<26} {'median (min-max)':<20} {'median (min-max)':<16}")
    for name, rows in results.items():
        times, rss, peak = zip(*rows)
        print(f"{name:<20} {summary(times, '{:.3f}'):<26} {summary(rss, '{:.0f}'):<20} {summary(peak, '{:.0f}'):<16}")
    print(f"# load average after: {os.getloadavg()[0]:.2f} (anything else running slows both apps alike)")
    base, *kiosks = (list(zip(*rows)) for rows in results.values())
    print()
    for name, kiosk in zip(list(results)[1:], kiosks):
        print(f"{name} / baseline (medians): time x{statistics.median(kiosk[0]) / statistics.median(base[0]):.2f}, "
              f"RSS x{statistics.median(kiosk[1]) / statistics.median(base[1]):.2f}, "
              f"peak x{statistics.median(kiosk[2]) / statistics.median(base[2]):.2f}; "
              f"difference: time {statistics.median(kiosk[0]) - statistics.median(base[0]):+.3f} s, "
              f"RSS {statistics.median(kiosk[1]) - statistics.median(base[1]):+.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
