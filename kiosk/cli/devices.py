"""``kiosk devices``: which provider each device uses, and its health, with no window.

    kiosk devices [--config FILE]

prints one line per device (card reader, printer, read-aloud), for example::

    card     pcsc    present    Virtual PCD 00 00; no card in it; 1 trusted card issuer key
    printer  cups    paper_out  queue kiosk: printing (media-empty-error)
    speech   espeak  available  en-gb and cy voices, 150 words a minute, volume 50%, default audio device

It opens the devices as the kiosk does (so ``KIOSK_CARD``, ``KIOSK_PRINTER``, ``KIOSK_SPEECH`` and
``devices.simulated_fallback`` apply), waits a moment for the first look at the readers, prints, and closes them.
Exit status 1 if a device cannot be opened.
"""

from __future__ import annotations

import sys

#: How long to wait for each device's first look at its hardware.
READY_SECONDS = 3.0


def devices(settings: dict) -> int:
    """Print each device's provider and health.

    :param settings: the kiosk settings.
    :returns: 0, or 1 if a device could not be opened.
    """
    from device import DeviceSelectionError, open_devices

    try:
        opened = open_devices(settings)
    except DeviceSelectionError as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return 1
    try:
        opened.card.wait_ready(READY_SECONDS)
        rows = opened.describe()
    finally:
        opened.close()
    width = [max(len(getattr(row, column)) for row in rows) for column in ("device", "provider", "health")]
    for row in rows:
        print(f"{row.device:<{width[0]}}  {row.provider:<{width[1]}}  {row.health:<{width[2]}}  {row.detail}")
    return 0
