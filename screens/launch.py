"""``kiosk run``: start the kiosk in a window, or locked down over the whole screen with ``--kiosk``."""

from __future__ import annotations

import logging
import os
import sys

from screens.environment import prepare_kivy_environment

log = logging.getLogger("jobpoint.launch")


def window_size(settings: dict, kiosk: bool) -> tuple[int, int]:
    """The window size: the whole X screen in kiosk mode or when set to "auto", else the configured size.

    :param settings: the checked config.
    :param kiosk: True in kiosk mode.
    """
    from screens.lockdown import x_screen_size

    width, height = settings["display.width"], settings["display.height"]
    if kiosk or "auto" in (width, height):
        screen = x_screen_size()
        if screen:
            return screen
        log.warning("could not ask X for the screen size; using %sx%s from config", width, height)
    return (1920 if width == "auto" else width), (1080 if height == "auto" else height)


def run(settings: dict, kiosk: bool = False, build_services=None) -> int:
    """Start the kiosk and return its exit status when it stops.

    :param settings: the checked config.
    :param kiosk: locked fullscreen kiosk mode.
    :param build_services: ``kiosk.cli.services.build_services``, the composition root that makes the devices,
        the job search, the usage counter and the background sync (``kiosk run`` passes it).
    """
    prepare_kivy_environment()
    from kiosk.local_settings import apply_local_settings
    from screens import lockdown

    settings = apply_local_settings(settings)

    size = window_size(settings, kiosk)
    lockdown.configure_kivy(kiosk=kiosk, size=size)

    from screens.tools import probe
    from screens.app import KioskApp, on_main_thread

    # Sync runs on its own thread; the screens read its status, and device health goes into the heartbeat.
    # The updater stages new versions in the maintenance window; the app switches between sessions (screens/app.py).
    services = build_services(settings, dispatch=on_main_thread, sync=True)
    app = KioskApp(settings=settings, services=services, start_screen="attract" if kiosk else "home")

    def start_sync(*_args):
        # After the first frame: loading the network client must not delay the first screen.
        from kivy.core.window import Window
        Window.unbind(on_flip=start_sync)
        services.start_sync()
        app.refresh_jobs_updated()

    def on_start(*_args):
        from kivy.core.window import Window
        Window.bind(on_flip=start_sync)
        # Under systemd (WatchdogSec), ping from the main loop's Clock: a frozen screen stops the pings and systemd
        # restarts the kiosk.
        from kivy.clock import Clock
        from kiosk import watchdog
        if every := watchdog.interval_seconds():
            Clock.schedule_interval(lambda _dt: watchdog.ping(), every)
        if kiosk:
            lockdown.install(app)
        else:
            from screens.staff import dev_keys
            dev_keys.install(app)
        lockdown.install_stop_signals(app)
        probe.install(app)
        probe.install_targets(app)
        log.info("window %dx%d%s", *size, " (kiosk mode)" if kiosk else "")

    app.bind(on_start=on_start)
    try:
        app.run()
    finally:
        services.stop_sync()  # this hour's counts go to the outbox
    if app.exit_action == "restart":
        restart()
    if app.exit_action == "update":
        # A new version is current: exit and let systemd run the guard (which rolls back a version that fails its
        # health check) and start it. Re-running in place would start the old program again, unchecked.
        log.info("a new version is in place: exiting for systemd to start it")
        logging.shutdown()
        return services.update_exit_status
    if app.exit_action == "leave":
        log.warning("left kiosk mode from maintenance")
    return 0


def restart() -> None:
    """Start this program again in place, with the same arguments (maintenance's "Restart the kiosk app")."""
    log.info("restarting")
    logging.shutdown()
    if getattr(sys, "frozen", False):  # a PyInstaller build: the executable is the program
        os.execv(sys.executable, [sys.executable, *sys.argv[1:]])
    os.execv(sys.executable, [sys.executable, *sys.argv])
