"""Imports go one way: wiring -> conversation -> dialogs -> cards, store, teams -> domain."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = {"bot.domain"}
EDGE = DOMAIN | {"bot.cards", "bot.store", "bot.teams"}
# What each part may import from the project (besides itself).
ALLOWED: dict[str, set[str]] = {
    "bot.domain": DOMAIN,
    "bot.store": DOMAIN,
    "bot.cards": DOMAIN,
    "bot.teams": DOMAIN,
    "dialogs": EDGE,
    "bot.reminders": EDGE,
    "bot.conversation": EDGE | {"dialogs"},
}


def _part(module: str) -> str:
    for part in sorted(ALLOWED, key=len, reverse=True):
        if module == part or module.startswith(part + "."):
            return part
    return module


def _project_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module in ("bot", "dialogs"):  # from bot import cards -> bot.cards
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
            else:
                names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {name for name in names if name.split(".")[0] in ("bot", "dialogs")}


def _modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted([*ROOT.glob("bot/**/*.py"), *ROOT.glob("dialogs/**/*.py")]):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        if _part(module) in ALLOWED:
            found.append((module, path))
    return found


@pytest.mark.parametrize(("module", "path"), _modules(), ids=lambda value: str(value))
def test_module_imports_only_the_parts_below_it(module: str, path: Path) -> None:
    own = _part(module)
    allowed = ALLOWED[own] | {own}
    wrong = sorted(name for name in _project_imports(path) if _part(name) not in allowed)
    assert wrong == [], f"{module} imports {wrong}"


def test_a_backward_import_is_found(tmp_path: Path) -> None:
    module = tmp_path / "backward.py"
    module.write_text("from bot import cards\nfrom bot.conversation.router import Router\n")
    assert _project_imports(module) == {"bot.cards", "bot.conversation.router"}
