"""Fits the triage's evidence weights (bot/domain/triage.py WEIGHTS and BIAS) on labelled
situation files: logistic regression of "a key item" on the evidence of every item a text
bears on. Prints the key items found among the first eight, per file with weights fitted on
the other files (leave one file out), for the current weights and the fitted ones, and then
the weights fitted on all files, to paste into triage.py.

    .venv/bin/python scripts/fit_triage_weights.py tests/data/dev*situations*.yaml

Fit on dev sets only, never on a holdout set.
"""

from __future__ import annotations

import math
import sys
from dataclasses import astuple
from pathlib import Path

from bot.domain.content import DEFAULT_ROOT, Content, load_content
from bot.domain.evaluation import load_situations
from bot.domain.triage import BIAS, EVIDENCE_FIELDS, MAX_ITEMS, WEIGHTS, Triager

L2 = 1.0  # ridge penalty on the weights (not on the bias)
ROUNDS = 25

Row = tuple[list[float], bool]  # evidence (with a leading 1 for the bias), key item or not
Text = list[tuple[str, Row]]  # every item one text bears on


def main(paths: list[Path]) -> None:
    if any(path.name.startswith("holdout") for path in paths):
        sys.exit("holdout sets are measured only, never fitted on")
    if len(paths) < 2:
        sys.exit("give two situation files or more: each is left out of the fit in turn")
    content = load_content(DEFAULT_ROOT)
    triager = Triager(content)
    data = {path.stem: _texts(triager, path, content) for path in paths}
    current = [BIAS, *(getattr(WEIGHTS, name) for name in EVIDENCE_FIELDS)]
    totals = {"current": [0, 0], "fitted": [0, 0]}
    for name, texts in data.items():
        others = [row for other, rest in data.items() if other != name for row in _rows(rest)]
        line = f"{name:32s}"
        for kind, weights in (("current", current), ("fitted", fit(others))):
            hits, total = key_items_found(texts, weights)
            totals[kind][0] += hits
            totals[kind][1] += total
            line += f" {kind} {hits}/{total}"
        print(line)
    for kind, (hits, total) in totals.items():
        print(f"{kind}: {hits} of {total} key items the texts bear on ({100 * hits / total:.1f} %)")
    weights = fit([row for texts in data.values() for row in _rows(texts)])
    print(f"BIAS = {weights[0]:.2f}")
    print(", ".join(f"{n}={w:.2f}" for n, w in zip(EVIDENCE_FIELDS, weights[1:], strict=True)))


def _texts(triager: Triager, path: Path, content: Content) -> list[Text]:
    texts = []
    for situation in load_situations(path, content.items, content.experts):
        evidence = triager.evidence(situation.text).items()
        texts.append(
            [
                (item_id, ([1.0, *astuple(e)], item_id in situation.key_items))
                for item_id, e in evidence
            ]
        )
    return texts


def _rows(texts: list[Text]) -> list[Row]:
    return [row for text in texts for _, row in text]


def key_items_found(texts: list[Text], weights: list[float]) -> tuple[int, int]:
    hits = total = 0
    for text in texts:
        ranked = sorted(text, key=lambda pair: -_dot(weights, pair[1][0]))
        hits += sum(is_key for _, (_, is_key) in ranked[:MAX_ITEMS])
        total += sum(is_key for _, (_, is_key) in text)
    return hits, total


def fit(rows: list[Row]) -> list[float]:
    """Newton's method (iteratively reweighted least squares) with a ridge penalty."""
    size = len(rows[0][0])
    weights = [0.0] * size
    for _ in range(ROUNDS):
        gradient = [L2 * w if j else 0.0 for j, w in enumerate(weights)]
        hessian = [[L2 if i == j and i else 0.0 for j in range(size)] for i in range(size)]
        for x, is_key in rows:
            p = 1 / (1 + math.exp(-_dot(weights, x)))
            for i in range(size):
                gradient[i] += (p - is_key) * x[i]
                for j in range(size):
                    hessian[i][j] += p * (1 - p) * x[i] * x[j]
        step = _solve(hessian, gradient)
        weights = [w - s for w, s in zip(weights, step, strict=True)]
    return weights


def _dot(a: list[float], b: list[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting."""
    size = len(vector)
    rows = [[*row, value] for row, value in zip(matrix, vector, strict=True)]
    for col in range(size):
        pivot = max(range(col, size), key=lambda r: abs(rows[r][col]))
        rows[col], rows[pivot] = rows[pivot], rows[col]
        for r in range(col + 1, size):
            factor = rows[r][col] / rows[col][col]
            rows[r] = [a - factor * b for a, b in zip(rows[r], rows[col], strict=True)]
    solution = [0.0] * size
    for r in reversed(range(size)):
        rest = sum(rows[r][c] * solution[c] for c in range(r + 1, size))
        solution[r] = (rows[r][size] - rest) / rows[r][r]
    return solution


if __name__ == "__main__":
    main([Path(arg) for arg in sys.argv[1:]])
