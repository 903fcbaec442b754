from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

SCRIPT = Path(__file__).parent.parent / "scripts" / "fit_triage_weights.py"


def _script() -> Any:
    spec = importlib.util.spec_from_file_location("fit_triage_weights", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_fit_weighs_the_evidence_that_tells_key_items_apart():
    fit = _script()
    rows = [([1.0, x / 10, (x * 7) % 10 / 10], x >= 6 if x != 5 else True) for x in range(11)]
    bias, telling, noise = fit.fit(rows)
    assert telling > 1.0 and abs(noise) < telling / 2 and bias < 0


def test_key_items_are_counted_among_the_first_eight_only():
    fit = _script()
    text = [(f"i{n}", ([1.0, n / 10], n in (0, 9))) for n in range(10)]
    assert fit.key_items_found([text], [0.0, 1.0]) == (1, 2)  # i9 first, i0 ninth
    assert fit.key_items_found([text], [0.0, -1.0]) == (1, 2)


def test_a_holdout_set_is_never_fitted_on():
    fit = _script()
    with pytest.raises(SystemExit, match="holdout"):
        fit.main([Path("tests/data/holdout_situations.yaml")])
    with pytest.raises(SystemExit, match="two situation files"):
        fit.main([Path("tests/data/dev_situations.yaml")])
