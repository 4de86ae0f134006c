"""The central service as an ASGI app for a process manager to import: ``uvicorn sync.central.asgi:app --workers N``.

    JOBPOINT_CENTRAL_CONFIG=/etc/jobpoint/central.toml uvicorn sync.central.asgi:app --workers 4 --port 8470

Each worker process imports this module and builds its own app on the same database; nothing is shared between
them but the database (and the snapshot folder), so workers and app servers can be added freely. The tables are
made once however many start together (``sync.central.storage.open_storage`` takes a PostgreSQL advisory lock).
``kiosk-central serve --workers N`` runs this for you; deploy/central/ has the systemd unit and nginx config.
"""

from __future__ import annotations

from kiosk.logs import setup_logging
from sync.central.app import create_app
from sync.central.settings import load_settings

setup_logging("INFO")
app = create_app(load_settings(None))
