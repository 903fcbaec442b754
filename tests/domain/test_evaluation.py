from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.bm25 import Bm25Baseline
from bot.domain.content import ContentError
from bot.domain.evaluation import LabelledQuestion, Prediction, evaluate, load_labelled_set


def _q(q: str, expect: list[str] | str, expert: str | None = None, tags=()) -> LabelledQuestion:
    return LabelledQuestion(q=q, expect=expect, expert=expert, tags=list(tags))


ANSWERS = {
    "a": Prediction("answer", (("jur-1", "JUR"), ("jur-2", "JUR"))),
    "b": Prediction("clarify", (("jur-1", "JUR"), ("inf-1", "IBC"), ("jur-2", "JUR"))),
    "c": Prediction("out_of_scope", (("jur-2", "JUR"),)),
    "lunch": Prediction("out_of_scope", ()),
    "weer": Prediction("answer", (("jur-1", "JUR"),)),
}


def test_report_counts_accuracy_rejections_and_routing():
    questions = [
        _q("a", ["jur-1"], "JUR", ["typo"]),
        _q("b", ["jur-2"], "JUR", ["typo"]),
        _q("c", ["jur-2"], "JUR"),
        _q("lunch", "out_of_scope", tags=["out_of_scope"]),
        _q("weer", "out_of_scope", tags=["out_of_scope"]),
    ]
    report = evaluate(questions, ANSWERS.__getitem__)
    assert (report.top1.hits, report.top1.total) == (1, 3)
    assert (report.top3.hits, report.top3.total) == (2, 3)  # a rejected question is never right
    assert (report.false_rejection.hits, report.clarified.hits) == (1, 1)
    assert (report.out_of_scope_recall.hits, report.out_of_scope_recall.total) == (1, 2)
    assert (report.expert.hits, report.expert.total) == (2, 3)
    assert (report.by_tag["typo"].hits, report.by_tag["typo"].total) == (1, 2)
    assert [(miss.question.q, miss.rank) for miss in report.misses] == [("c", None), ("b", 3)]


def test_labelled_file_with_unknown_id_is_rejected_with_its_line(tmp_path: Path):
    path = tmp_path / "set.yaml"
    path.write_text(
        "version: 1\nquestions:\n  - q: x\n    expect: [jur-1]\n  - q: y\n    expect: [jur-7]\n"
    )
    with pytest.raises(ContentError) as caught:
        load_labelled_set(path, ["jur-1"])
    assert [str(issue) for issue in caught.value.issues] == [f"{path}:6: unknown id 'jur-7'"]


def test_bm25_baseline_ranks_by_shared_words_of_the_guide_questions(fixture_content):
    baseline = Bm25Baseline(fixture_content)
    assert [id_ for id_, _ in baseline.rank("is er sprake van staatssteun")] == ["jur-2"]
    assert baseline.rank("contract") == []  # no synonyms, no stemming: the point of a baseline
