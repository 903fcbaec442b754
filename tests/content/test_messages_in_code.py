"""Both ways: every message and label the code asks for is in messages.yaml with the same
placeholders, and every one messages.yaml defines is asked for. Read from the code's AST.

A key is asked for by `.say("key", ...)`, `.count("key", n, ...)` or `label(messages, "key",
...)` with the key as a literal, or listed in a module-level `*_KEYS` declaration (a dict or
tuple of keys, for keys chosen at run time). Any other first argument is refused.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.domain.content import Content, load_content

ROOT = Path(__file__).resolve().parents[2]
CODE = [*sorted((ROOT / "bot").rglob("*.py")), *sorted((ROOT / "dialogs").rglob("*.py"))]
LABELS_MODULE = ROOT / "bot" / "cards" / "labels.py"
MESSAGES_MODULE = ROOT / "bot" / "domain" / "messages.py"


@dataclass(frozen=True)
class Use:
    where: str
    kind: str  # "say", "count", "label" or "declared"
    key: str
    values: frozenset[str] | None  # keyword names given; None when not known (declared, **)


def _uses() -> list[Use]:
    found: list[Use] = []
    for path in CODE:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        rel = path.relative_to(ROOT)
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign | ast.AnnAssign):
                found += _declared(node, rel)
            if isinstance(node, ast.Call):
                use = _call(node, rel)
                if use is not None:
                    found.append(use)
    return found


def _declared(node: ast.Assign | ast.AnnAssign, rel: Path) -> list[Use]:
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    names = [t.id for t in targets if isinstance(t, ast.Name)]
    if not any(name.endswith("_KEYS") for name in names) or node.value is None:
        return []
    value = node.value
    if isinstance(value, ast.Dict):
        strings = [v for v in value.values if isinstance(v, ast.Constant)]
    elif isinstance(value, ast.Tuple | ast.List | ast.Set):
        strings = [v for v in value.elts if isinstance(v, ast.Constant)]
    else:
        strings = []
    where = f"{rel}:{node.lineno}"
    return [Use(where, "declared", str(s.value), None) for s in strings]


def _call(node: ast.Call, rel: Path) -> Use | None:
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    where = f"{rel}:{node.lineno}"
    if name in ("say", "count") and isinstance(func, ast.Attribute) and node.args:
        key = node.args[0]
    elif name == "label" and isinstance(func, ast.Name) and len(node.args) >= 2:
        key = node.args[1]
        if isinstance(key, ast.Name) and key.id.endswith("_key"):
            return None  # a builder's parameter, passed on: its callers give the literal
    elif name == "numbered" and isinstance(func, ast.Name) and len(node.args) >= 3:
        numbered_label = node.args[2]
        if isinstance(numbered_label, ast.Constant) and isinstance(numbered_label.value, str):
            return Use(where, "label", numbered_label.value, frozenset({"number"}))
        return None
    else:
        return None
    if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
        dynamic = {n.id for n in ast.walk(key) if isinstance(n, ast.Name)}
        assert any(n.endswith("_KEYS") for n in dynamic) or _is_conditional_literal(
            key
        ), f"{where}: a message key must be a literal or come from a *_KEYS declaration"
        return None
    if any(kw.arg is None for kw in node.keywords):
        values = None
    else:
        values = frozenset(str(kw.arg) for kw in node.keywords)
    return Use(where, str(name), key.value, values)


def _is_conditional_literal(node: ast.expr) -> bool:
    """'a' if x else 'b': both keys are literals (collected by _conditional_keys)."""
    return (
        isinstance(node, ast.IfExp)
        and isinstance(node.body, ast.Constant)
        and isinstance(node.orelse, ast.Constant)
    )


def _conditional_keys() -> list[Use]:
    found = []
    for path in CODE:
        rel = path.relative_to(ROOT)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("say", "count")
                and node.args
                and isinstance(key := node.args[0], ast.IfExp)
                and _is_conditional_literal(key)
            ):
                continue
            for branch in (key.body, key.orelse):
                assert isinstance(branch, ast.Constant)
                values = frozenset(str(kw.arg) for kw in node.keywords)
                found.append(Use(f"{rel}:{node.lineno}", node.func.attr, branch.value, values))
    return found


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content()


@pytest.fixture(scope="module")
def uses() -> list[Use]:
    return _uses() + _conditional_keys()


def test_every_message_the_code_says_exists_with_the_right_kind(uses, content):
    messages = content.messages
    for use in uses:
        if use.kind in ("say", "count"):
            assert use.key in messages.keys, f"{use.where}: no message '{use.key}'"
            plural = messages.message(use.key).plural
            assert plural == (use.kind == "count"), f"{use.where}: '{use.key}' via {use.kind}"


def test_every_label_the_code_uses_exists(uses, content):
    for use in uses:
        if use.kind == "label":
            assert use.key in content.messages.label_keys, f"{use.where}: no label '{use.key}'"


def test_every_declared_key_is_a_message_or_a_label(uses, content):
    known = content.messages.keys | content.messages.label_keys
    for use in uses:
        if use.kind == "declared":
            assert use.key in known, f"{use.where}: '{use.key}' is in no section"


def test_the_values_given_are_exactly_the_declared_placeholders(uses, content):
    messages = content.messages
    for use in uses:
        if use.values is None or use.kind == "declared":
            continue
        if use.kind == "label":
            continue  # labels: checked when every card is built (tests/cards)
        declared = set(messages.message(use.key).placeholders)
        if use.kind == "count":
            declared.discard("count")
        assert set(use.values) == declared, f"{use.where}: '{use.key}' wants {sorted(declared)}"


def test_every_message_and_label_in_the_file_is_used(uses, content):
    used = {use.key for use in uses}
    unused = sorted((content.messages.keys | content.messages.label_keys) - used)
    assert unused == [], f"defined in content/messages.yaml but never used: {unused}"


def test_only_the_labels_module_reads_labels():
    for path in CODE:
        if path in (LABELS_MODULE, MESSAGES_MODULE):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "label":
                call_like = isinstance(node.value, ast.Name | ast.Attribute)
                assert not call_like or _is_option_label(
                    node
                ), f"{path.relative_to(ROOT)}:{node.lineno}: read labels via bot.cards.labels"


def _is_option_label(node: ast.Attribute) -> bool:
    """`form.label`, `option.label`: the register's own labels (content/register.yaml)."""
    return isinstance(node.value, ast.Name) and node.value.id not in ("messages", "m")
