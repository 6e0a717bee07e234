"""The layout keeps its promises: a pure core, and clean lint and types."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PURE = ("framework", "snapshot", "io", "analysis", "reports", "demo", "monitoring")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", PURE)
def test_the_pure_core_never_imports_django(package: str) -> None:
    folder = ROOT / "src" / "communitydna" / package
    offenders = [str(p.relative_to(ROOT)) for p in folder.rglob("*.py") if "django" in _imports(p)]
    assert offenders == []


def test_the_framework_and_snapshot_import_nothing_outside_the_standard_library() -> None:
    allowed = set(sys.stdlib_module_names) | {"communitydna"}
    for package in ("framework", "snapshot"):
        for path in (ROOT / "src" / "communitydna" / package).rglob("*.py"):
            assert _imports(path) <= allowed, path


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip(f"{name} is not installed")
    return found


def test_the_code_passes_ruff_lint_and_format() -> None:
    ruff = _tool("ruff")
    lint = subprocess.run(
        [ruff, "check", "src", "tests", "benchmarks"], cwd=ROOT, capture_output=True, text=True
    )
    assert lint.returncode == 0, lint.stdout + lint.stderr
    fmt = subprocess.run(
        [ruff, "format", "--check", "src", "tests", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr


def test_the_pure_core_passes_mypy_strict() -> None:
    mypy = _tool("mypy")
    result = subprocess.run([mypy], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
