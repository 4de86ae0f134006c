"""A busy worker asks kiosks' background calls to come back later, over real HTTP (uvicorn on loopback).

Requests are held "in hand" for real: a request whose body is only half sent keeps the worker waiting for the rest,
as a kiosk on a slow line would, until its connection closes.
"""

from __future__ import annotations

import socket
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.central.busy import RefuseWhenBusy, busy_message, deferrable
from sync.client import Busy, CentralClient
from tests.central.helpers import add_kiosk

BEAT = {"app_version": "0.3.0", "config_version": "1", "uptime_s": 60, "cache_age_s": 30, "devices": []}


def _half_sent(server, path: str, credential: str) -> socket.socket:
    """A POST whose body stops half-way: the worker holds it until the connection closes."""
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    sock.sendall(f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                 f"Authorization: Bearer {credential}\r\nContent-Length: 1000\r\n\r\n".encode() + b'{"app_version"')
    return sock


def _busy_layer(server) -> RefuseWhenBusy:
    layer = server.app.middleware_stack
    while not isinstance(layer, RefuseWhenBusy):
        layer = layer.app
    return layer


def _until_in_hand(server, count: int) -> None:
    deadline = time.monotonic() + 20
    while _busy_layer(server).in_hand != count:
        assert time.monotonic() < deadline, f"{_busy_layer(server).in_hand} requests in hand, not {count}"
        time.sleep(0.02)


def _beat(server, kiosk):
    return server.post(f"/v1/kiosks/{kiosk.kiosk_id}/heartbeat", kiosk.credential, json=BEAT)


@pytest.fixture
def busy_server(make_server, sqlite_storage):
    return make_server(sqlite_storage, busy_in_flight=2, busy_retry_after_s=30)


def test_a_worker_with_its_hands_full_refuses_background_calls_but_never_a_person(busy_server):
    server, kiosk = busy_server, add_kiosk(busy_server.storage)
    assert _beat(server, kiosk).status_code == 200
    _busy_layer(server)  # built by the first request
    held = [_half_sent(server, f"/v1/kiosks/{kiosk.kiosk_id}/heartbeat", kiosk.credential) for _ in range(2)]
    try:
        _until_in_hand(server, 2)
        refused = _beat(server, kiosk)
        assert refused.status_code == 503 and refused.json()["error"] == "busy"
        wait = int(refused.headers["Retry-After"])
        assert 30 <= wait <= 60 and refused.json()["message"] == busy_message(wait)
        assert server.get("/v1/rates", kiosk.credential).status_code == 503
        # What a person is waiting for goes through: a help request, the sign-in page.
        asked = server.post(f"/v1/kiosks/{kiosk.kiosk_id}/help-requests", kiosk.credential, json={"area": "jobs"})
        assert asked.status_code == 201
        assert server.get("/login").status_code == 200
        # The kiosk's own client reads it as "busy: come back in so many seconds".
        client = CentralClient(server.url, credential=kiosk.credential, timeout=10)
        with pytest.raises(Busy) as failure:
            client.post_json(f"/v1/kiosks/{kiosk.kiosk_id}/heartbeat", BEAT)
        assert 30 <= failure.value.retry_after <= 60
        client.close()
    finally:
        for sock in held:
            sock.close()
    _until_in_hand(server, 0)
    assert _beat(server, kiosk).status_code == 200
    assert _busy_layer(server).refused == 3


def test_with_the_limit_at_zero_nothing_is_refused(make_server, sqlite_storage):
    server = make_server(sqlite_storage, busy_in_flight=0)
    kiosk = add_kiosk(server.storage)
    assert _beat(server, kiosk).status_code == 200
    held = [_half_sent(server, f"/v1/kiosks/{kiosk.kiosk_id}/heartbeat", kiosk.credential) for _ in range(3)]
    try:
        _until_in_hand(server, 3)
        assert _beat(server, kiosk).status_code == 200
    finally:
        for sock in held:
            sock.close()


@pytest.mark.parametrize("method, path, expected", [
    ("POST", "/v1/kiosks/k1/heartbeat", True), ("POST", "/v1/kiosks/k1/usage", True),
    ("GET", "/v1/vacancies/changes", True), ("GET", "/v1/vacancies/snapshot", True),
    ("GET", "/v1/offices/leeds/config", True), ("GET", "/v1/rates", True), ("GET", "/v1/update", True),
    ("POST", "/v1/kiosks/k1/help-requests", False), ("GET", "/v1/kiosks/k1/help-requests/r1", False),
    ("POST", "/v1/enrol", False), ("GET", "/dashboard", False), ("POST", "/login", False),
    ("GET", "/h/abc", False), ("GET", "/v1/kiosks/k1/heartbeat", False),
    ("POST", "/v1/kiosks/k1/heartbeat/extra", False), ("GET", "/v1/rates/../dashboard", False),
])
def test_only_a_kiosks_background_calls_can_be_deferred(method, path, expected):
    assert deferrable(method, path) is expected


@given(st.integers(1, 3600), st.floats(0, 1, exclude_max=True))
def test_retry_after_is_spread_from_the_setting_to_twice_it(least, draw):
    sent = []

    async def send(message):
        sent.append(message)

    import asyncio
    asyncio.run(RefuseWhenBusy(None, 1, least, rng=lambda: draw)._refuse(send))
    headers = dict(sent[0]["headers"])
    assert sent[0]["status"] == 503 and least <= int(headers[b"retry-after"]) <= 2 * least
