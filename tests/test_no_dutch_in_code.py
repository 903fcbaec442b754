"""No Dutch sentence is written in the code: every text a user reads comes from content/.

Scans the string constants of bot/ and dialogs/ (f-string parts included) for Dutch prose:
at least three words, one of them a Dutch function word, with a capital or a sentence mark.
Left out: docstrings, log and exception messages, and words users type that the code
recognises (all lower case, no punctuation, such as 'verwijder mijn gegevens').
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CODE = [*sorted((ROOT / "bot").rglob("*.py")), *sorted((ROOT / "dialogs").rglob("*.py"))]
FUNCTION_WORDS = frozenset(  # Dutch words that are no English words
    "de het een en van voor met op zijn je jij jouw ik mijn we wij ons er dat wat wie niet "
    "nog ook als bij naar om te door kan kun wordt worden heb hebt heeft deze dit dan maar "
    "hier daar waar geen".split()
)
ENGLISH_WORDS = frozenset(
    "the a an is of to and in for by not from with without it this that be are or on at "
    "as set e g".split()
)
LOGGING = {"debug", "info", "warning", "error", "exception", "critical"}


def dutch_prose(value: str) -> bool:
    if "\\" in value:  # a regular expression
        return False
    words = [word.lower() for word in re.findall(r"[A-Za-zÀ-ÿ']+", value)]
    dutch = sum(word in FUNCTION_WORDS for word in words)
    english = sum(word in ENGLISH_WORDS for word in words)
    if len(words) < 3 or dutch == 0 or english >= dutch:
        return False
    return any(c.isupper() for c in value) or re.search(r"[.?!:;,]", value) is not None


def _skipped(tree: ast.AST) -> set[int]:
    """ids of constants that are docstrings, log messages or exception messages."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                skip.add(id(body[0].value))
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in LOGGING or name.endswith(("Error", "Exception")) or name == "Unusable":
                skip |= {id(n) for arg in node.args for n in ast.walk(arg)}
        if isinstance(node, ast.Raise) and node.exc is not None:
            skip |= {id(n) for n in ast.walk(node.exc)}
        if isinstance(node, ast.Assert) and node.msg is not None:
            skip |= {id(n) for n in ast.walk(node.msg)}
    return skip


def dutch_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _skipped(tree)
    rel = path.relative_to(ROOT)
    return [
        f"{rel}:{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skip
        and dutch_prose(node.value)
    ]


def test_no_dutch_sentence_is_written_in_the_code():
    found = [line for path in CODE for line in dutch_literals(path)]
    assert found == []


def test_the_scan_recognises_dutch_prose_and_leaves_typed_words_alone():
    assert dutch_prose("Oké, ik heb het weggegooid.")
    assert dutch_prose("Je naam en Teams-id bij ")
    assert dutch_prose("Wat speelt er?")
    assert not dutch_prose("verwijder mijn gegevens")  # a command users type
    assert not dutch_prose("wat weet je van mij")
    assert not dutch_prose("message text: %r")
    assert not dutch_prose("Action.Submit")
    assert not dutch_prose("print JSON instead of text")
    assert not dutch_prose(" problem(s) in the content.")
