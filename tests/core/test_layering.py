"""The core runs without a window: nothing outside screens/ imports screens/, and kiosk/ needs no Kivy."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORE = [p for folder in ("kiosk", "sync", "device") for p in (ROOT / folder).rglob("*.py")]


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


@pytest.mark.parametrize("path", CORE, ids=lambda p: str(p.relative_to(ROOT)))
def test_core_modules_never_import_screens(path):
    assert not [m for m in imported_modules(path) if m == "screens" or m.startswith("screens.")]


def test_the_core_imports_without_kivy_or_a_display():
    modules = [".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
               for p in (ROOT / "kiosk").rglob("*.py") if p.name != "__main__.py"]
    code = ("import sys\n" + "".join(f"import {m}\n" for m in modules)
            + "bad = [m for m in sys.modules if m == 'kivy' or m.startswith(('kivy.', 'screens'))]\n"
            + "print(bad)\nsys.exit(1 if bad else 0)\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin"}, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
