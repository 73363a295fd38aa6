"""The tree shows the architecture: one way down, no import cycle, entry points and packages at the top."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "tracker"
CORE = {"domain", "store", "io", "system", "terminal", "catalog"}
"""The core: it never imports the command line, the TUI or the entry points."""
FACES = {"cli", "tui", "entry"}


def imports_by_part() -> dict[str, set[str]]:
    """Top-level part of tracker -> the parts its modules import (at any depth, in functions too)."""
    found: dict[str, set[str]] = defaultdict(set)
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        part = relative.parts[0].removesuffix(".py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            for name in names:
                bits = name.split(".")
                if bits[0] == "tracker" and len(bits) > 1 and bits[1] != part:
                    found[part].add(bits[1])
    return found


def test_the_top_level_holds_entry_points_and_packages_only() -> None:
    loose = sorted(p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py"))
    assert loose == []


def test_the_core_never_imports_the_faces() -> None:
    graph = imports_by_part()
    wrong = {part: sorted(graph[part] & FACES) for part in CORE if graph[part] & FACES}
    assert wrong == {}


def test_there_is_no_import_cycle_between_the_parts() -> None:
    graph = imports_by_part()
    state: dict[str, str] = {}
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                cycles.append(trail[trail.index(nxt):] + [nxt] if nxt in trail else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = "done"

    for part in sorted(graph):
        if part not in state:
            visit(part, [part])
    assert cycles == []


def test_the_store_is_split_into_its_layers() -> None:
    store = PACKAGE / "store"
    assert sorted(p.name for p in store.iterdir() if p.is_dir() and not p.name.startswith("__")) == [
        "engine", "migrations", "queries", "safety", "views", "writes"]
    assert sorted(p.name for p in store.glob("*.py")) == ["__init__.py", "models.py"]
