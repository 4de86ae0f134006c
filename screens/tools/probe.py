"""Start-up probe: with ``KIOSK_STARTUP_PROBE=1`` the kiosk prints when its first screen was drawn and how much
memory it uses two seconds later, then stops. ``bench/startup.py`` and ``bench/search.py`` read these lines.
With ``KIOSK_PROBE_SEARCH=words`` it also runs that job search first, so the memory includes a searched cache.
With ``KIOSK_PROBE_TARGETS=1`` it prints, whenever a different panel covers the screen, the panel's name and
where its buttons are in X screen coordinates, so end-to-end tests can touch them with xdotool."""

import os
import time


def _memory_mib() -> dict[str, int]:
    values = {}
    with open("/proc/self/status") as status:
        for line in status:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile", "RssShmem"):
                values[key] = int(rest.split()[0]) // 1024
    return values


def install_targets(app) -> None:
    """Print ``PROBE overlay <Class>`` and ``PROBE target <id> <x> <y>`` lines each time the overlay changes.

    :param app: the App.
    """
    if not os.environ.get("KIOSK_PROBE_TARGETS"):
        return
    from kivy.clock import Clock
    from kivy.core.window import Window
    from kivy.uix.behaviors import ButtonBehavior
    shown = [None]

    def look(_dt):
        overlay = app.shell.overlay
        if overlay is shown[0]:
            return
        shown[0] = overlay
        # Half a second on, the panel has been laid out and its buttons are where a finger would find them.
        Clock.schedule_once(lambda _dt: report(overlay), 0.5)

    def report(overlay):
        if overlay is not app.shell.overlay:
            return
        print(f"PROBE overlay {type(overlay).__name__}", flush=True)
        for name, widget in (overlay.ids.items() if overlay is not None else ()):
            if isinstance(widget, ButtonBehavior) and widget.get_parent_window() is not None:
                x, y = widget.to_window(*widget.center)
                print(f"PROBE target {name} {int(x)} {int(Window.height - y)}", flush=True)

    Clock.schedule_interval(look, 0.2)


def install(app) -> None:
    """Print ``PROBE first_frame <unix time>`` on the first frame and ``PROBE mem_MiB ...`` 2 s later.

    :param app: the App, stopped after the report.
    """
    if not os.environ.get("KIOSK_STARTUP_PROBE"):
        return
    from kivy.clock import Clock
    from kivy.core.window import Window

    def first_flip(*_args):
        Window.unbind(on_flip=first_flip)
        print(f"PROBE first_frame {time.time():.6f} screen={app.sm.current}", flush=True)
        words = os.environ.get("KIOSK_PROBE_SEARCH")
        job_search = app.services.job_search if words else None
        if words and job_search is not None:
            from kiosk.jobs.query import JobQuery
            result = job_search.search(JobQuery(text=words))
            print(f"PROBE search found={result.total}", flush=True)
        Clock.schedule_once(report, 2.0)

    def report(_dt):
        memory = _memory_mib()
        # Heap (anon) apart from mapped libraries and files (file), so a rise can be traced to its cause.
        print(f"PROBE mem_MiB rss={memory['VmRSS']} peak={memory['VmHWM']} anon={memory['RssAnon']} "
              f"file={memory['RssFile']} shmem={memory['RssShmem']}", flush=True)
        app.stop()

    Window.bind(on_flip=first_flip)
