"""Every module has its tests at the mirrored path: src/runseason/a/b.py → tests/a/test_b.py.

A package's ``__init__.py`` that defines functions or classes is tested in ``test_<package>.py``
inside the package's test folder; one that only documents or re-exports needs no file.
"""

from __future__ import annotations

import ast
from pathlib import Path

import runseason

SRC = Path(runseason.__file__).resolve().parent
TESTS = Path(__file__).resolve().parent

# Folders without a mirrored test file, each with its reason.
EXEMPT_FOLDERS = {
    # Alembic's env and the versions are run, not imported: tests/db/test_migrations.py
    # upgrades, downgrades and re-upgrades them on both databases.
    "db/migrations",
}


def _has_code(module: Path) -> bool:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    return any(
        isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        for node in tree.body
    )


def mirrored_test(module: Path) -> Path | None:
    """The test file a module's tests live in, or None for a package marker without code."""
    relative = module.relative_to(SRC)
    folder = TESTS.joinpath(*relative.parts[:-1])
    if module.name == "__init__.py":
        return folder / f"test_{relative.parts[-2]}.py" if _has_code(module) else None
    return folder / f"test_{module.stem}.py"


def _modules() -> list[Path]:
    found = []
    for module in sorted(SRC.rglob("*.py")):
        relative = module.relative_to(SRC).as_posix()
        if any(relative.startswith(f"{folder}/") for folder in EXEMPT_FOLDERS):
            continue
        found.append(module)
    return found


def test_every_module_has_a_test_file_at_its_mirrored_path() -> None:
    missing = []
    for module in _modules():
        relative = module.relative_to(SRC).as_posix()
        target = mirrored_test(module)
        if target is None or target.exists():
            continue
        missing.append(f"{relative} → {target.relative_to(TESTS.parent).as_posix()}")
    assert not missing, "modules without their test file:\n" + "\n".join(missing)


def test_the_rule_maps_modules_packages_and_markers() -> None:
    assert mirrored_test(SRC / "services" / "checkins.py") == TESTS / "services/test_checkins.py"
    assert mirrored_test(SRC / "api/routes/plans.py") == TESTS / "api/routes/test_plans.py"
    assert mirrored_test(SRC / "parsers/__init__.py") == TESTS / "parsers/test_parsers.py"
    assert mirrored_test(SRC / "domain/__init__.py") is None


# CONTRIBUTING's size rule: a module splits near 400 lines, a function never runs over 60.
MODULE_LINES = 400
FUNCTION_LINES = 60


def test_no_module_over_400_lines_and_no_function_over_60() -> None:
    too_long = []
    for module in _modules():
        text = module.read_text(encoding="utf-8")
        relative = module.relative_to(SRC).as_posix()
        if (lines := len(text.splitlines())) > MODULE_LINES:
            too_long.append(f"{relative}: {lines} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > FUNCTION_LINES:
                    too_long.append(f"{relative}: {node.name}() {length} lines")
    assert not too_long, "over the size rule:\n" + "\n".join(too_long)
