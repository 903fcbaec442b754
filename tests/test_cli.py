from __future__ import annotations

import asyncio
import io
import json
from datetime import UTC, datetime
from pathlib import Path

from bot.cli.main import main
from bot.store.database import open_database
from bot.store.feedback import FeedbackRepository
from tests.conftest import FIXTURE_CONTENT

FIXTURE = ["--content", str(FIXTURE_CONTENT)]


def test_content_check_passes_on_valid_content(capsys):
    assert main([*FIXTURE, "content", "check"]) == 0
    assert capsys.readouterr().out.startswith("Content OK: 2 themes, 3 checklist items")


def test_content_check_lists_every_problem_and_fails(content_dir: Path, capsys):
    path = content_dir / "themes" / "juridisch.yaml"
    path.write_text(path.read_text().replace("experts: [JUR]", "experts: [XX, YY]"))
    assert main(["--content", str(content_dir), "content", "check"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "content/themes/juridisch.yaml:11: jur-1.experts: unknown expert 'XX'",
        "content/themes/juridisch.yaml:11: jur-1.experts: unknown expert 'YY'",
        "2 problem(s) in the content.",
    ]


def test_ask_json_gives_decision_and_ranked_matches(capsys):
    assert main([*FIXTURE, "ask", "--json", "staatsteun"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["query"] == "staatsteun"
    assert answer["decision"] == "answer"
    assert answer["matches"][0] == {
        "id": "jur-2",
        "kind": "checklist",
        "theme": "Juridisch",
        "question": "Is er sprake van staatssteun?",
        "experts": ["JUR", "FIN"],
        "score": answer["matches"][0]["score"],
    }
    assert 1 <= len(answer["matches"]) <= 5


def test_ask_prints_a_readable_dutch_answer_with_experts(capsys):
    assert main([*FIXTURE, "ask", "Moeten we een contract tekenen?"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Is er een overeenkomst?\nThema: Juridisch\n")
    assert "Neem contact op met:\n  Juridische Zaken (JUR)" in out


def test_ask_declines_off_topic_questions_politely(capsys):
    assert main([*FIXTURE, "ask", "ik ben mijn wachtwoord vergeten"]) == 0
    assert capsys.readouterr().out.startswith("Daar kan ik je niet mee helpen.")


def test_ask_without_question_answers_each_stdin_line_as_json(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("staatsteun\nwat eten we vandaag\n\n"))
    assert main([*FIXTURE, "ask"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(line["query"], line["decision"]) for line in lines] == [
        ("staatsteun", "answer"),
        ("wat eten we vandaag", "out_of_scope"),
        ("", "out_of_scope"),
    ]


def test_eval_prints_both_rankers_side_by_side(tmp_path: Path, capsys):
    labelled = tmp_path / "set.yaml"
    labelled.write_text(
        "version: 1\nquestions:\n"
        "  - {q: staatsteun, expect: [jur-2], expert: JUR, tags: [typo]}\n"
        "  - {q: wachtwoord vergeten, expect: out_of_scope, tags: [out_of_scope]}\n"
    )
    assert main([*FIXTURE, "eval", str(labelled)]) == 0
    out = capsys.readouterr().out
    assert "Samenwerkwijzer" in out and "BM25 (guide)" in out
    top1 = next(line for line in out.splitlines() if line.startswith("top-1 accuracy"))
    assert top1.split() == ["top-1", "accuracy", "100.0%", "(1/1)", "0.0%", "(0/1)"]


async def test_feedback_report_lists_answers_and_unanswered_questions(tmp_path: Path, capsys):
    url = f"sqlite:///{tmp_path}/bot.db"
    database = open_database(url)
    repository = FeedbackRepository(database)
    at = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    await repository.record("not_helpful", "jur-2", None, at)
    await repository.record("helpful", "jur-2", None, at)
    await repository.record("unanswered", None, "hoe laat is de lunch", at)
    await repository.record("unanswered", None, "hoe laat is de lunch", at)
    await database.close()
    assert await asyncio.to_thread(main, [*FIXTURE, "feedback", "report", "--database", url]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Feedback: helpful 1, not_helpful 1, unanswered 2, unclear 0"
    assert out[3].split() == [
        "jur-2", "nuttig", "1", "niet", "nuttig", "1", "Is", "er", "sprake", "van", "staatssteun?"
    ]  # fmt: skip
    assert out[-4] == "     2x unanswered last 2026-11-23  'hoe laat is de lunch'"
    assert out[-2:] == [
        "Questions expert teams answered: candidate phrasings (add by hand, never automatic):",
        "  (none yet)",
    ]


TRIAGE_TEXT = (
    "We sluiten een convenant met drie partners over schuldhulp. De partners werken met "
    "klantgegevens van inwoners. De gemeente geeft een subsidie."
)


def test_triage_json_prints_exactly_the_documented_fields(capsys):
    assert main([*FIXTURE, "triage", "--json", TRIAGE_TEXT]) == 0
    triage = json.loads(capsys.readouterr().out)
    assert list(triage) == ["query", "themes", "checklist", "experts", "registration"]
    assert triage["query"] == TRIAGE_TEXT
    assert [expert["code"] for expert in triage["experts"]] == ["JUR", "IBC", "FIN"]
    assert triage["experts"][1] == {"code": "IBC", "why": '"klantgegevens" → IBC'}
    assert triage["registration"] == {"form": None, "flags": {"personal_data": True}}
    assert all(set(item) == {"id", "theme", "question", "experts"} for item in triage["checklist"])


def test_triage_prints_text_and_reads_stdin_as_json_lines(capsys, monkeypatch):
    assert main([*FIXTURE, "triage", TRIAGE_TEXT]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Thema's: ") and '  IBC: "klantgegevens" → IBC' in out
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{TRIAGE_TEXT}\nWe richten een GR op.\n"))
    assert main([*FIXTURE, "triage"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["registration"]["form"] for line in lines] == [None, "wgr"]


def test_ask_json_tells_small_talk_and_referrals(capsys):
    assert main([*FIXTURE, "ask", "--json", "dank je wel"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert (answer["decision"], answer["smalltalk"], answer["matches"]) == (
        "smalltalk",
        "thanks",
        [],
    )
    assert (
        main([*FIXTURE, "ask", "--json", "ik wil een vergaderruimte boeken voor de stuurgroep"])
        == 0
    )
    answer = json.loads(capsys.readouterr().out)
    assert (answer["decision"], answer["referral"]) == (
        "out_of_scope",
        "Reserveer een ruimte via intranet.",
    )


def test_eval_reports_each_file(tmp_path: Path, capsys):
    for name in ("dev", "holdout"):
        (tmp_path / f"{name}.yaml").write_text(
            "version: 1\nquestions:\n  - {q: staatsteun, expect: [jur-2], expert: JUR}\n"
        )
    assert main([*FIXTURE, "eval", str(tmp_path / "dev.yaml"), str(tmp_path / "holdout.yaml")]) == 0
    out = capsys.readouterr().out
    assert f"{tmp_path / 'dev.yaml'}: 1 questions" in out
    assert f"{tmp_path / 'holdout.yaml'}: 1 questions" in out
    assert out.count("BM25 (guide)") == 2


def test_eval_never_shows_the_misses_of_a_blind_set(tmp_path: Path, capsys):
    text = "version: 1\nquestions:\n  - {q: wat eten we vanavond in de kantine, expect: [jur-2]}\n"
    for name in ("dev.yaml", "holdout3.yaml"):
        (tmp_path / name).write_text(text)
        assert main([*FIXTURE, "eval", str(tmp_path / name)]) == 0
        out = capsys.readouterr().out
        assert ("kantine" in out) == (name == "dev.yaml")
        assert "top-1 accuracy" in out


def test_eval_situations_reports_team_recall_precision_and_key_items(tmp_path: Path, capsys):
    labelled = tmp_path / "situations.yaml"
    labelled.write_text(
        "version: 1\nsituations:\n"
        f"  - text: {json.dumps(TRIAGE_TEXT)}\n"
        "    must: [JUR, IBC]\n    key_items: [inf-1, jur-1]\n"
    )
    assert main([*FIXTURE, "eval-situations", str(labelled)]) == 0
    lines = capsys.readouterr().out.splitlines()
    rows = {line[:24].strip(): line[24:].split() for line in lines[2:5]}
    assert rows == {
        "must-teams found": ["100.0%", "(2/2)"],
        "named teams defensible": ["66.7%", "(2/3)"],
        "key items named": ["100.0%", "(2/2)"],
    }


def test_eval_situations_rejects_unknown_teams_and_items(tmp_path: Path, capsys):
    labelled = tmp_path / "situations.yaml"
    labelled.write_text(
        "version: 1\nsituations:\n  - text: x\n    must: [XX]\n    key_items: [zz-1]\n"
    )
    assert main([*FIXTURE, "eval-situations", str(labelled)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{labelled}:4: unknown team 'XX'",
        f"{labelled}:5: unknown checklist item 'zz-1'",
    ]


async def test_tickets_list_filters_by_team_status_and_routing(tmp_path: Path, capsys):
    from dataclasses import replace

    from bot.domain.tickets import Ticket, TicketStatus
    from bot.store.tickets import TicketRepository

    url = f"sqlite:///{tmp_path}/bot.db"
    database = open_database(url)
    tickets = TicketRepository(database)
    at = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    jur = await tickets.add(
        Ticket(None, "JUR", "Mag dit?", "aad-anna", "Anna", at, at, routed=True)
    )
    await tickets.add(Ticket(None, "IBC", "Bewaartermijn?", "aad-anna", "Anna", at, at))
    await tickets.record(
        jur, replace(jur, status=TicketStatus.PICKED_UP), "pick_up", None, None, None
    )
    await tickets.bind("JUR", "19:jur", "team-1", {}, None, at)
    await tickets.unbind_team_id("team-1", "bot_removed", at)
    await database.close()
    assert await asyncio.to_thread(main, [*FIXTURE, "tickets", "list", "--database", url]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Tickets (2):",
        "  #1 JUR opgepakt, 2026-11-23: Mag dit?",
        "  #2 IBC nieuw, not in a channel, 2026-11-23: Bewaartermijn?",
        "Channels unbound by Teams or by hand:",
        "  JUR: bot_removed on 2026-11-23",
    ]
    assert (
        await asyncio.to_thread(
            main, [*FIXTURE, "tickets", "list", "--unrouted", "--json", "--database", url]
        )
        == 0
    )
    [row] = json.loads(capsys.readouterr().out)
    assert (row["team"], row["status"], row["asker"]) == ("IBC", "nieuw", "Anna")
    new_at_jur = [*FIXTURE, "tickets", "list", "--team", "JUR", "--status", "nieuw"]
    assert await asyncio.to_thread(main, [*new_at_jur, "--database", url]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "Tickets (0):"
