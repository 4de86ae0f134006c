"""The layers hold: the core runs without a window, only the command line wires the outside world in, and no
module of ours imports another that imports it back.

The rules, read from every ``import`` in our four packages (at module level and inside functions alike):
- nothing outside ``screens/`` imports ``kivy`` or ``screens``, and ``kiosk/`` imports without Kivy or a display;
- in ``kiosk/``, only ``kiosk/cli/`` (the composition root) imports ``sync/`` or ``device/``;
- ``screens/`` never imports ``sync/`` or ``device/``: the screens get their services passed in;
- there is no import cycle among ``kiosk``, ``screens``, ``sync`` and ``device``.
Imports under ``if TYPE_CHECKING:`` are left out: they never run.
"""

from __future__ import annotations

import ast
import functools
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("kiosk", "screens", "sync", "device")
#: A module holds one concept; past this many lines it is holding two (issue #14: "about 400").
MOST_LINES = 410


def module_name(path: Path) -> str:
    """``kiosk/jobs/search.py`` -> ``kiosk.jobs.search``; a package's ``__init__.py`` is the package."""
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def our_modules() -> dict[str, Path]:
    """Every module of our four packages, by dotted name."""
    return {module_name(p): p for package in PACKAGES for p in sorted((ROOT / package).rglob("*.py"))}


def _runtime_nodes(tree: ast.AST):
    """Every node of ``tree`` except what sits under ``if TYPE_CHECKING:``."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from (n for child in node.orelse for n in [child, *_runtime_nodes(child)])
            continue
        yield node
        yield from _runtime_nodes(node)


@functools.cache
def imported_names(path: Path) -> frozenset[str]:
    """The dotted names ``path`` imports, with relative imports made absolute; ``from a import b`` gives a.b too.

    :param path: a Python file in one of our packages.
    """
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    names = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([base] if base else [])])
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return frozenset(names)


def import_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Which of our modules each of our modules imports (the most specific module each import names)."""
    graph = {}
    for name, path in modules.items():
        targets = set()
        for imported in imported_names(path):
            while imported and imported not in modules:
                imported = imported.rpartition(".")[0]
            if imported and imported != name:
                targets.add(imported)
        graph[name] = targets
    return graph


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each group of modules that import one another round in a circle (Tarjan's strongly connected components).

    >>> find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})
    [['a', 'b', 'c']]

    :param graph: each node's set of the nodes it points to.
    """
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for after in sorted(graph.get(node, ())):
            if after not in index:
                visit(after)
                low[node] = min(low[node], low[after])
            elif after in on_stack:
                low[node] = min(low[node], index[after])
        if low[node] == index[node]:
            group = []
            while not group or group[-1] != node:
                group.append(stack.pop())
                on_stack.discard(group[-1])
            if len(group) > 1 or node in graph.get(node, ()):
                cycles.append(sorted(group))

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10 * len(graph) + 100))
    try:
        for node in sorted(graph):
            if node not in index:
                visit(node)
    finally:
        sys.setrecursionlimit(limit)
    return sorted(cycles)


MODULES = our_modules()


def imports_into(name: str, packages: tuple[str, ...]) -> list[str]:
    """What module ``name`` imports from ``packages`` (third-party ones such as kivy included)."""
    return sorted(m for m in imported_names(MODULES[name]) if m.partition(".")[0] in packages)


@pytest.mark.parametrize("graph, cycles", [
    ({"a": {"b"}, "b": {"a"}}, [["a", "b"]]),
    ({"a": {"a"}}, [["a"]]),
    ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
    ({"a": {"b", "c"}, "b": {"d"}, "c": {"d"}, "d": set()}, []),  # a diamond is no cycle
    ({"a": {"b"}, "b": {"a", "c"}, "c": {"d"}, "d": {"c"}}, [["a", "b"], ["c", "d"]]),
])
def test_the_cycle_finder_finds_exactly_the_cycles_of_a_made_up_graph(graph, cycles):
    assert find_cycles(graph) == cycles


def test_the_graph_sees_imports_inside_functions_and_relative_ones(tmp_path, monkeypatch):
    package = tmp_path / "kiosk"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("def later():\n    from . import b\n")
    (package / "b.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import kiosk.c\n"
                                  "import kiosk.a\n")
    (package / "c.py").write_text("from kiosk.b import something\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    modules = {module_name(p): p for p in package.rglob("*.py")}
    assert import_graph(modules) == {"kiosk": set(), "kiosk.a": {"kiosk", "kiosk.b"}, "kiosk.b": {"kiosk.a"},
                                     "kiosk.c": {"kiosk.b"}}
    assert find_cycles(import_graph(modules)) == [["kiosk.a", "kiosk.b"]]


def test_no_import_cycle_among_our_packages():
    # The graph is made here, not at import, so collecting the tests (in every worker) does not parse every module.
    assert find_cycles(import_graph(MODULES)) == []


@pytest.mark.parametrize("name", [m for m in MODULES if not m.startswith("screens")])
def test_nothing_outside_screens_imports_kivy_or_screens(name):
    assert imports_into(name, ("kivy", "screens")) == []


@pytest.mark.parametrize("name", [m for m in MODULES if m.startswith("kiosk") and not m.startswith("kiosk.cli")])
def test_only_the_command_line_in_kiosk_imports_sync_or_device(name):
    assert imports_into(name, ("sync", "device")) == []


def test_no_module_of_ours_is_longer_than_one_concept_needs():
    lengths = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in our_modules().items()}
    assert max(lengths.values()) > 300, "the modules are read (or this test proves nothing)"
    assert {name: lines for name, lines in lengths.items() if lines > MOST_LINES} == {}


def test_screens_never_import_sync_or_device():
    importers = {m: imports_into(m, ("sync", "device")) for m in MODULES if m.startswith("screens")}
    assert {m: found for m, found in importers.items() if found} == {}


def test_the_core_imports_without_kivy_or_a_display():
    modules = [module_name(p) for p in (ROOT / "kiosk").rglob("*.py") if p.name != "__main__.py"]
    code = ("import sys\n" + "".join(f"import {m}\n" for m in modules)
            + "bad = [m for m in sys.modules if m == 'kivy' or m.startswith(('kivy.', 'screens'))]\n"
            + "print(bad)\nsys.exit(1 if bad else 0)\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin"}, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.thorough
def test_make_check_fails_a_run_that_imports_kivy_even_when_the_import_error_is_caught(tmp_path):
    (tmp_path / "test_sneaky.py").write_text("def test_optional_window():\n    try:\n        import kivy.app\n"
                                             "    except ImportError:\n        pass\n")
    result = subprocess.run([sys.executable, "-m", "pytest", "-p", "tests.no_window", "-p", "no:cacheprovider",
                             "-q", "--rootdir", str(tmp_path), "--confcutdir", str(tmp_path), str(tmp_path)],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == pytest.ExitCode.TESTS_FAILED, result.stdout + result.stderr
    assert "1 passed" in result.stdout and "something imported kivy:" in result.stdout
    assert "test_sneaky.py" in result.stdout  # and where
