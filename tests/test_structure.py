"""The package's shape, as a newcomer relies on it: stages that import downwards only, small modules
and functions, and no reader library the package does not need at run time."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

LIB = Path(__file__).resolve().parents[1] / "lib"
PACKAGE = LIB / "chitieu"
MAX_MODULE_LINES, MAX_FUNCTION_LINES = 400, 60
TEST_ONLY_READERS = {"fastexcel", "openpyxl"}


def module_name(path: Path) -> str:
    parts = path.relative_to(LIB).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}
# Parsed once, when the tests are collected: CPython 3.11.7 sometimes raises "AST constructor recursion depth
# mismatch" from ast.parse late in a long test run (a CPython bug), never in a fresh interpreter.
SOURCES = {name: path.read_text(encoding="utf-8") for name, path in MODULES.items()}
TREES = {name: ast.parse(source) for name, source in SOURCES.items()}


def imported_modules(name: str) -> set[str]:
    """The chitieu modules ``name`` imports anywhere in its file (inside functions too: an import
    moved into a function to dodge a cycle is still a cycle)."""
    found = set()
    package = name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(TREES[name]):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package.split(".")[:len(package.split(".")) - node.level + 1], base]).strip(".")
            found |= {f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base for alias in node.names}
    return {module for module in found if module in MODULES and module != name}


GRAPH = {name: imported_modules(name) for name in MODULES}


def cycle_from(start: str, graph: dict[str, set[str]]) -> list[str] | None:
    """A path start → … → start in ``graph``, if there is one."""
    stack, seen = [(start, [start])], set()
    while stack:
        node, path = stack.pop()
        for nxt in graph.get(node, ()):
            if nxt == start:
                return [*path, start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return None


def stage(module: str) -> str:
    """The subpackage a module belongs to, or the module itself at the top level."""
    return ".".join(module.split(".")[:2])


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycle_from("a", {"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle_from("a", {"a": {"b"}, "b": set()}) is None


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_itself_through_others(module: str) -> None:
    assert cycle_from(module, GRAPH) is None


def test_stages_import_downwards_only() -> None:
    """reading → citizens → mapping → summary → report → app/cli: no stage imports a later one."""
    stages: dict[str, set[str]] = {}
    for module, imported in GRAPH.items():
        stages.setdefault(stage(module), set()).update(stage(m) for m in imported if stage(m) != stage(module))
    cycles = {s: cycle_from(s, stages) for s in stages}
    assert {s: c for s, c in cycles.items() if c} == {}


def test_modules_and_functions_stay_small() -> None:
    too_long = []
    for name, source in SOURCES.items():
        if len(source.splitlines()) > MAX_MODULE_LINES:
            too_long.append(f"{name}: {len(source.splitlines())} lines")
        for node in ast.walk(TREES[name]):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    too_long.append(f"{name}.{node.name}: {length} lines")
    assert too_long == []


def test_the_package_never_imports_the_readers_only_tests_and_benchmarks_use() -> None:
    used = set()
    for tree in TREES.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                used |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                used.add(node.module.split(".")[0])
    assert used & TEST_ONLY_READERS == set()


def test_the_readme_tree_names_every_module_in_its_folder() -> None:
    """A newcomer finds the room for a change from the README's layout tree: each module is on it, under
    its subpackage."""
    readme = (LIB.parent / "README.md").read_text(encoding="utf-8")
    tree = readme[readme.index("lib/chitieu/\n"):]
    tree = tree[:tree.index("```")]
    folder, listed = "", set()
    for line in tree.splitlines()[1:]:
        name = line.strip().split(" ")[0]
        if not name:
            continue
        depth = (len(line) - len(line.lstrip())) // 2
        if name.endswith("/"):
            folder = name
        elif name.endswith(".py"):
            listed.add(f"{folder}{name}" if depth == 2 else name)
    modules = {str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py") if path.name != "__init__.py"}
    assert modules - listed == set()
