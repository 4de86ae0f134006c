"""``kiosk enrol`` and ``kiosk sync``: joining the fleet and syncing with the central service, with no window.

    kiosk enrol TOKEN [--name leeds-1]      exchange IT staff's one-time token for this kiosk's credential
    kiosk sync --once [--full]              one sync: vacancies, office config, rates, usage counts

Exit codes: 0 done; 1 could not sync now (no network, the service failed or sent bad data: try again later);
2 cannot sync at all until someone acts (not enrolled, credential refused, bad token, bad config).
"""

from __future__ import annotations

import sys
from pathlib import Path

from kiosk.jobs.cache import open_cache
from kiosk.cli.jobs import cache_path
from sync.client import SyncFailed, Unauthorised
from sync.credentials import BadToken, CredentialError, enrol, load_credential
from sync.office import fetch_office_config, fetch_rates
from sync.usage import USAGE_FILE, UsageCounter
from sync.vacancy_process import report_line
from sync.vacancy_sync import SyncReport, VacancySync


def enrol_kiosk(settings: dict, args) -> int:
    """Exchange a token for a credential and save it (mode 0600).

    :param settings: the checked config.
    :param args: ``token``, ``--name``, ``--url``.
    """
    path = Path(settings["central.credential_file"])
    url = (args.url or settings["central.url"]).rstrip("/")
    try:
        credential = enrol(url, args.token, args.name or settings["kiosk.id"], path,
                           timeout=settings["sync.timeout_seconds"])
    except BadToken as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return 2
    except SyncFailed as error:
        print(f"kiosk: enrolment failed: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"kiosk: cannot save the credential in {path}: {error.strerror}.", file=sys.stderr)
        return 2
    print(f"Enrolled as kiosk {credential.kiosk_id} of office {credential.office_id}; credential saved in {path}.")
    return 0


class ProgressLine:
    """A one-line progress display on stderr (only at a terminal): pages and changes staged, then applying."""

    def __init__(self, out=sys.stderr) -> None:
        self.out = out
        self.show = hasattr(out, "isatty") and out.isatty()

    def __call__(self, stage: str, report: SyncReport) -> None:
        """Show where the sync is.

        :param stage: "snapshot", "page", "applying", "verifying" or "done".
        :param report: the figures so far.
        """
        if stage == "applying":
            # Written even when not at a terminal: the crash tests wait for this line.
            self.out.write(("\n" if self.show and report.pages else "") + f"Applying {report.changes:,} changes ...\n")
            self.out.flush()
        elif self.show and stage == "snapshot":
            self.out.write("Downloading the vacancies in one file ...\n")
            self.out.flush()
        elif self.show and stage == "page":
            kind = "full resync" if report.full else "changes"
            bar = "#" * (report.pages % 30)
            self.out.write(f"\rVacancies ({kind}): page {report.pages:,}, {report.changes:,} changes [{bar:<30}]")
            self.out.flush()


def sync_once(settings: dict, args) -> int:
    """One sync of everything, with a progress line, plain messages and exit codes.

    :param settings: the checked config.
    :param args: ``--full``, ``--cache``.
    """
    try:
        credential = load_credential(Path(getattr(args, "credential", None) or settings["central.credential_file"]))
    except CredentialError as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return 2
    if credential is None:
        print("kiosk: this kiosk is not enrolled yet. Ask IT staff for a token, then run: kiosk enrol TOKEN",
              file=sys.stderr)
        return 2
    data_dir = Path(settings["kiosk.data_dir"])
    path = cache_path(settings, args.cache)
    timeout = getattr(args, "timeout", None)
    client = credential.client(timeout=timeout if timeout and 0 < timeout <= 600 else settings["sync.timeout_seconds"])
    if getattr(args, "vacancies_only", False):
        return _vacancies_only(open_cache(path), client, Path(path), as_json=getattr(args, "json", False))
    db = open_cache(path)
    try:
        report = VacancySync(db, client, progress=ProgressLine(), cache_path=Path(path)).run(full=args.full)
        office = fetch_office_config(client, credential.office_id, data_dir)
        fetch_rates(client, data_dir)
        usage = UsageCounter(data_dir / USAGE_FILE)
        sent = usage.send(client, credential.kiosk_id)
    except Unauthorised as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return 2
    except SyncFailed as error:
        print(f"kiosk: sync failed: {error} What was fetched so far is kept for the next try.", file=sys.stderr)
        return 1
    finally:
        client.close()
    kind = "full resync" if report.full else "changes"
    print(f"Vacancies: {report.changes:,} {kind} in {report.pages:,} pages ({report.refused:,} refused), "
          f"{report.vacancies:,} open, checked against the service. Office config {office.config_version}; "
          f"rates up to date; {sent} usage batches sent.")
    return 0


def _vacancies_only(db, client, path: Path, as_json: bool) -> int:
    """One vacancy sync; with ``as_json`` its report (or error) as one JSON line, for the app's sync worker."""
    try:
        report = VacancySync(db, client, progress=None if as_json else ProgressLine(), cache_path=path).run()
    except SyncFailed as error:
        if as_json:
            print(report_line(error=error), flush=True)
        else:
            print(f"kiosk: sync failed: {error} What was fetched so far is kept for the next try.", file=sys.stderr)
        return 2 if isinstance(error, Unauthorised) else 1
    finally:
        client.close()
        db.close()
    if as_json:
        print(report_line(report), flush=True)
    else:
        print(f"Vacancies: {report.changes:,} changes in {report.pages:,} pages ({report.refused:,} refused), "
              f"{report.vacancies:,} open, checked against the service.")
    return 0
