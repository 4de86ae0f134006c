"""``kiosk update apply``: root's half of an app update, run by systemd before each start of the kiosk.

    kiosk update apply [--config FILE]

Kept apart from kiosk/cli/main.py so other commands never load the network client. It never imports Kivy: it runs
before the display session exists. It always exits 0 unless called wrongly, so the running version still
starts when an update is refused (the reason is logged and written into the update state file).
"""

from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger(__name__)

#: How long to wait for the central service to confirm the offer: the kiosk's start waits for it.
CONFIRM_TIMEOUT_S = 15.0


def add_arguments(parser) -> None:
    """The ``kiosk update`` subcommands.

    :param parser: the ``update`` subparser.
    """
    actions = parser.add_subparsers(dest="update_action", required=True, metavar="ACTION")
    apply = actions.add_parser("apply", help="as root, before a start: switch to the version the app asked for")
    apply.add_argument("--config", metavar="FILE", help="TOML config file")


def _not_enrolled(reason: str):
    from sync.updates import UpdateRefused

    def confirm(_request) -> None:
        raise UpdateRefused(reason)
    return confirm


def update_command(settings: dict, args) -> int:
    """Run ``kiosk update apply``.

    :param settings: the checked settings.
    :param args: the parsed arguments.
    :returns: 0 (an update that is refused keeps the running version and is not an error of this command).
    """
    if not settings["update.enabled"]:
        log.info("updates are off (update.enabled = false): nothing to apply")
        return 0
    # Imported here: the parser imports this module for every command, and only this one needs the client.
    from sync.credentials import CredentialError, load_credential
    from sync.update_apply import apply_request, confirm_with_service, installed_version

    root, data_dir = Path(settings["update.root"]), Path(settings["kiosk.data_dir"])
    try:
        credential = load_credential(Path(settings["central.credential_file"]))
        confirm = (confirm_with_service(credential.client(timeout=CONFIRM_TIMEOUT_S), installed_version(root))
                   if credential else _not_enrolled("this kiosk is not enrolled, so the update cannot be confirmed"))
    except CredentialError as error:
        confirm = _not_enrolled(str(error))
    version = apply_request(root, data_dir, confirm)
    if version:  # the command's result, on standard output (logs go to standard error)
        print(f"switched to version {version}; the guard checks it from this start on")
    return 0
