"""The central service as a FastAPI app: ``create_app(settings)``; ``kiosk-central serve`` runs it with uvicorn.

    from sync.central.app import create_app
    from sync.central.settings import load_settings
    app = create_app(load_settings("/etc/jobpoint/central.toml"))

Routes live in ``routes_kiosk`` (enrol, changes, config, rates, usage, heartbeat), ``routes_snapshot`` (the
vacancy snapshot for a first sync), ``routes_monitoring`` (alerts JSON, Prometheus), ``routes_releases`` (updates),
``routes_handoff``, ``routes_signin``, ``routes_dashboard``, ``routes_help`` (help requests),
``routes_local_help`` (an office's "Help near you" list) and ``routes_open_data``. Responses over 1 KB
are gzip-compressed for clients that accept it (level 5: a 5,000-vacancy page shrinks about as much as at level 9,
in a fraction of the time). Request bodies over ``max_body_bytes`` are refused with a 413 before they are read
(``body_limit``). A worker with ``busy_in_flight`` requests in hand asks kiosks' background calls to come back
later (``busy``). ``clock`` can be replaced in tests. FastAPI's /docs and /redoc are off unless ``api_docs`` is set.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from fastapi import FastAPI, Request
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import RedirectResponse

from kiosk import __version__
from sync.central import clock as clocks
from sync.central import dashboard_paging
from sync.central import (routes_dashboard, routes_handoff, routes_help, routes_kiosk, routes_local_help,
                          routes_monitoring, routes_open_data, routes_releases, routes_signin, routes_snapshot)
from sync.central.auth import NotLoggedIn
from sync.central.body_limit import BodyLimit
from sync.central.busy import RefuseWhenBusy
from sync.central.errors import error_response, install_error_handlers
from sync.central.feed import FeedReader, expire_and_purge
from sync.central.fleet_cache import OverviewCache
from sync.central.rates import RatesFolder
from sync.central.sessions import SigninForms, signin_key
from sync.central.settings import CentralSettings
from sync.central.storage import Storage, open_storage

log = logging.getLogger("jobpoint.central")
GZIP_LEVEL = 5


#: How long one thread of a serving worker may hold Python's interpreter lock while another waits for it (Python's
#: own default is 5 ms). See ``_share_the_interpreter_finely``.
SWITCH_INTERVAL_S = 0.001


def _share_the_interpreter_finely() -> None:
    # A worker's fleet-overview thread (sync.central.fleet_cache) works for 150-300 ms of pure Python at national
    # size. A request waiting on the database gives the interpreter lock up each time and then waits up to the
    # switch interval to get it back: a dashboard page makes about fifteen round trips, so behind the refresh it
    # took 5 ms more for each (p99 124 ms against 16 ms median, every 12 s). At 1 ms the same page's p99 was
    # 62 ms (ADR 58); the cost is more switching while two threads both want the lock, a millisecond or so on the
    # median.
    sys.setswitchinterval(SWITCH_INTERVAL_S)


def create_app(settings: CentralSettings, storage: Storage | None = None,
               clock: Callable = clocks.now) -> FastAPI:
    """Build the app: open the database (creating tables), tidy the feed, and wire every route.

    :param settings: the checked settings.
    :param storage: an open database (default: open ``settings.database_url``).
    :param clock: returns the current time as naive UTC.
    """
    # FastAPI's /docs and /redoc pages load their scripts from a CDN: off unless the api_docs setting asks.
    docs = settings.api_docs
    app = FastAPI(title="Jobpoint central service", version=__version__,
                  description="The kiosk ⇄ central service protocol v1: see docs/sync-protocol.md.",
                  docs_url="/docs" if docs else None, redoc_url="/redoc" if docs else None)
    app.state.settings = settings
    app.state.storage = storage or open_storage(settings.database_url)
    app.state.clock = clock
    app.state.feed = FeedReader(app.state.storage)
    app.state.fleet_cache = OverviewCache(settings.dashboard_cache_s, now=clock, prepare=dashboard_paging.prepare)
    app.state.rates = RatesFolder(settings.rates_dir)
    app.state.signin_forms = SigninForms(signin_key(app.state.storage, settings.session_secret))
    with app.state.storage.only_one("expire") as mine:  # every worker starts at once: one of them tidies the feed
        if mine:
            expire_and_purge(app.state.storage, clock(), settings.tombstone_days)

    install_error_handlers(app)
    # Serving: the fleet's state worked out at once and kept fresh, so the dashboard's first page need not wait.
    app.router.on_startup.append(_share_the_interpreter_finely)
    app.router.on_startup.append(lambda: app.state.fleet_cache.warm(app.state.storage))
    app.router.on_shutdown.append(app.state.fleet_cache.close)

    @app.exception_handler(NotLoggedIn)
    async def _not_logged_in(request: Request, _error: NotLoggedIn):
        if "text/html" in request.headers.get("accept", ""):
            return RedirectResponse("/login", status_code=303)
        return error_response(401, "login_required", "Sign in to the dashboard first (/login).")

    app.add_middleware(GZipMiddleware, minimum_size=1000, compresslevel=GZIP_LEVEL)
    app.add_middleware(RefuseWhenBusy, most_in_hand=settings.busy_in_flight,
                       retry_after_s=settings.busy_retry_after_s)
    # Added last, so it is the outermost: a body over the limit is refused before anything else reads it.
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.include_router(routes_kiosk.router)
    app.include_router(routes_snapshot.router)
    app.include_router(routes_monitoring.router)
    app.include_router(routes_releases.router)
    app.include_router(routes_handoff.router)
    app.include_router(routes_signin.router)
    app.include_router(routes_dashboard.router)
    app.include_router(routes_help.router)
    app.include_router(routes_local_help.router)
    app.include_router(routes_open_data.router)
    return app
