from __future__ import annotations

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
    assert capsys.readouterr().out.startswith("Daar kan ik je helaas niet mee helpen.")


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


def test_feedback_report_lists_answers_and_unanswered_questions(tmp_path: Path, capsys):
    url = f"sqlite:///{tmp_path}/bot.db"
    database = open_database(url)
    repository = FeedbackRepository(database)
    at = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    repository.record("not_helpful", "jur-2", None, at)
    repository.record("helpful", "jur-2", None, at)
    repository.record("unanswered", None, "hoe laat is de lunch", at)
    repository.record("unanswered", None, "hoe laat is de lunch", at)
    database.close()
    assert main([*FIXTURE, "feedback", "report", "--database", url]) == 0
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


def test_tickets_list_filters_by_team_status_and_routing(tmp_path: Path, capsys):
    from dataclasses import replace

    from bot.domain.tickets import Ticket, TicketStatus
    from bot.store.tickets import TicketRepository

    url = f"sqlite:///{tmp_path}/bot.db"
    database = open_database(url)
    tickets = TicketRepository(database)
    at = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    jur = tickets.add(Ticket(None, "JUR", "Mag dit?", "aad-anna", "Anna", at, at, routed=True))
    tickets.add(Ticket(None, "IBC", "Bewaartermijn?", "aad-anna", "Anna", at, at))
    tickets.record(jur, replace(jur, status=TicketStatus.PICKED_UP), "pick_up", None, None, None)
    tickets.bind("JUR", "19:jur", "team-1", {}, None, at)
    tickets.unbind_team_id("team-1", "bot_removed", at)
    database.close()
    assert main([*FIXTURE, "tickets", "list", "--database", url]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Tickets (2):",
        "  #1 JUR opgepakt, 2026-11-23: Mag dit?",
        "  #2 IBC nieuw, not in a channel, 2026-11-23: Bewaartermijn?",
        "Channels unbound by Teams or by hand:",
        "  JUR: bot_removed on 2026-11-23",
    ]
    assert main([*FIXTURE, "tickets", "list", "--unrouted", "--json", "--database", url]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["team"], row["status"], row["asker"]) == ("IBC", "nieuw", "Anna")
    assert main([*FIXTURE, "tickets", "list", "--team", "JUR", "--status", "nieuw",
                 "--database", url]) == 0  # fmt: skip
    assert capsys.readouterr().out.splitlines()[0] == "Tickets (0):"
