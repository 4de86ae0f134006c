"""Fixtures for the sync tests: the real central service, a fault proxy in front of it, an enrolled kiosk."""

from pathlib import Path

import pytest

from kiosk.jobs.cache import open_cache
from sync.credentials import enrol
from tests.sync.central_server import CentralServer
from tests.sync.fault_proxy import FaultProxy


@pytest.fixture
def central(tmp_path):
    server = CentralServer(tmp_path / "central")
    yield server
    server.close()


@pytest.fixture
def proxy(central):
    fault_proxy = FaultProxy(central.port)
    yield fault_proxy
    fault_proxy.close()


class Kiosk:
    """An enrolled kiosk's files: credential, data folder, cache."""

    def __init__(self, folder: Path, central: CentralServer, url: str) -> None:
        self.folder = folder
        self.data_dir = folder / "data"
        self.credential_path = folder / "credential.json"
        self.cache_path = self.data_dir / "vacancies.db"
        self.credential = enrol(url, central.token(), "leeds-1", self.credential_path)

    def client(self, timeout: float = 2.0):
        """A client with the kiosk's credential."""
        return self.credential.client(timeout=timeout)

    def cache(self):
        """A new connection to the kiosk's cache."""
        return open_cache(self.cache_path)

    def config(self) -> Path:
        """A kiosk config file for the ``kiosk`` command."""
        path = self.folder / "kiosk.toml"
        path.write_text(f'[kiosk]\ndata_dir = "{self.data_dir}"\n[central]\ncredential_file = '
                        f'"{self.credential_path}"\nurl = "{self.credential.url}"\n[sync]\ntimeout_seconds = 2\n')
        return path


@pytest.fixture
def kiosk(tmp_path, central, proxy):
    """A kiosk enrolled through the proxy, so its credential's url is the proxy's."""
    return Kiosk(tmp_path / "kiosk", central, proxy.url)
