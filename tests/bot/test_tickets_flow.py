"""'Vraag een expert' end to end: two expert teams bound to two channels, the asker in
personal chat, everything through the connector stand-in; assertions on stored state."""

from __future__ import annotations

import asyncio
import json
import sys
from datetime import UTC, datetime
from typing import Any

from bot.domain.tickets import Ticket, TicketStatus
from bot.services import Services
from bot.teams.proactive import Pacing, ProactiveSender
from bot.web import SERVICES
from tests.bot.cardtext import find_action, texts
from tests.bot.conftest import Teams, post, start_bot

FAST = Pacing(per_conversation_seconds=0, per_app_per_second=1000, base_backoff_seconds=0)
BRAM = {"id": "29:user-bram", "name": "Bram", "aadObjectId": "aad-bram"}
CARLA = {"id": "29:user-carla", "name": "Carla", "aadObjectId": "aad-carla"}
JUR_NAME = "Juridische Zaken (JUR)"
IBC_NAME = "Informatiebeheer & Control (IBC)"


def services(client: Any) -> Services:
    found: Services = client.app[SERVICES]
    return found


async def ticket_of(client: Any, ticket_id: int) -> Ticket:
    found = await services(client).tickets.get(ticket_id)
    assert found is not None
    return found


def fast(client: Any) -> Any:
    """The bot, sending ticket notifications without pauses between them."""
    found = services(client)
    found.ticket_notifier.sender = ProactiveSender(found.adapter, "", FAST)
    return client


def as_person(activity: dict[str, Any], person: dict[str, str]) -> dict[str, Any]:
    return {**activity, "from": person}


async def bind(
    client: Any, connector: Any, team: str, person: dict[str, str] = BRAM, team_id: str = "team-1"
) -> Teams:
    """A channel of the Teams team `team_id` bound to the expert team `team` by `person`."""
    channel = Teams(connector.url, conversation_type="channel")
    message = channel.message(f"koppel dit kanaal aan {team}")
    message["channelData"]["team"] = {"id": team_id}
    await post(client, as_person(message, person))
    [reply] = connector.take()
    assert reply.conversation_id == channel.conversation_id
    assert "Dit kanaal is gekoppeld aan" in reply.activity["text"]
    return channel


async def ask(
    client: Any, connector: Any, anna: Teams, question: str, team: str, typed: str = "staatssteun"
) -> int:
    """Anna types a question, clicks 'Vraag een expert' and sends the form to `team`."""
    await post(client, anna.message(typed))
    [answer] = connector.take()
    ask_button = find_action(answer.card, "Vraag een expert")
    await post(client, anna.click(ask_button["data"]))
    [form] = connector.take()
    submit = find_action(form.card, "Vraag versturen")
    await post(client, anna.click({**submit["data"], "question": question, "team": team}))
    tickets = await services(client).tickets.find()
    return tickets[-1].id or 0


def channel_card(connector: Any, channel: Teams) -> dict[str, Any]:
    [posted] = [s for s in connector.take() if s.conversation_id == channel.conversation_id]
    card: dict[str, Any] = posted.card
    assert card is not None
    return card


def last_update(connector: Any, activity_id: str | None) -> dict[str, Any]:
    [*_, (_, activity)] = [u for u in connector.updated if u[0] == activity_id]
    card: dict[str, Any] = activity["attachments"][0]["content"]
    return card


def click_in(channel: Teams, card: dict[str, Any], title: str, person=BRAM, **inputs: str):
    data = find_action(card, title)["data"]
    return as_person(channel.click({**data, **inputs}), person)


async def test_a_question_goes_to_the_channel_of_the_team_chosen(bot, connector):
    fast(bot)
    jur = await bind(bot, connector, "JUR")
    ibc = await bind(bot, connector, "informatiebeheer & control")
    anna = Teams(connector.url)
    await post(bot, anna.message("staatssteun"))
    [answer] = connector.take()
    await post(bot, anna.click(find_action(answer.card, "Vraag een expert")["data"]))
    [form] = connector.take()
    [question] = [e for e in form.card["body"] if e.get("id") == "question"]
    assert question["value"] == "staatssteun"  # the question typed, to confirm or edit
    [team_choice] = [e for e in form.card["body"] if e.get("id") == "team"]
    assert team_choice["value"] == "JUR"  # the answer's main team, proposed
    submit = find_action(form.card, "Vraag versturen")["data"]
    item = submit["item"]
    values = {**submit, "question": "Mag de GR subsidie geven?", "team": "JUR"}
    await post(bot, anna.activity("message", value=values, replyToId="form-1"))
    sent = connector.take()
    [confirmation] = [s for s in sent if s.conversation_id == anna.conversation_id]
    assert confirmation.activity["text"] == (
        f"Je vraag staat bij {JUR_NAME}. Je krijgt hier antwoord."
    )
    [(form_id, used_form)] = connector.updated  # the form, used up: what was asked, of whom
    assert form_id == "form-1"
    used_text = texts(used_form["attachments"][0]["content"])
    assert "Mag de GR subsidie geven?" in used_text and "Verstuurd." in used_text
    [posted] = [s for s in sent if s.conversation_id == jur.conversation_id]
    assert posted.reply_to is None  # a new thread in the channel, not a reply to the binding
    card_text = texts(posted.card)
    assert "Mag de GR subsidie geven?" in card_text and "Anna" in card_text and "Nieuw" in card_text
    assert services(bot).content.items[item].question in card_text
    assert [b["title"] for b in posted.card["actions"]] == [
        "Oppakken",
        "Beantwoorden",
        "Doorsturen",
        "Sluiten",
    ]
    second = await ask(bot, connector, anna, "Welke bewaartermijn geldt?", "IBC")
    ibc_card = channel_card(connector, ibc)
    assert "Welke bewaartermijn geldt?" in texts(ibc_card)
    stored = await services(bot).tickets.find()
    assert [(t.team, t.status, t.routed, t.asker_id) for t in stored] == [
        ("JUR", TicketStatus.NEW, True, "aad-anna"),
        ("IBC", TicketStatus.NEW, True, "aad-anna"),
    ]
    assert stored[1].id == second and stored[0].channel_activity_id is not None


async def test_pick_up_forward_answer_follow_up_and_close(bot, connector):
    fast(bot)
    jur = await bind(bot, connector, "JUR")
    ibc = await bind(bot, connector, "IBC", CARLA)
    anna = Teams(connector.url)
    ticket_id = await ask(bot, connector, anna, "Mag de GR subsidie geven?", "JUR")
    card = channel_card(connector, jur)
    tickets = services(bot).tickets
    jur_card_id = (await ticket_of(bot, ticket_id)).channel_activity_id

    await post(bot, click_in(jur, card, "Oppakken"))
    [told] = connector.take()
    assert told.conversation_id == anna.conversation_id
    assert texts(told.card).startswith(f"Bram van {JUR_NAME} heeft je vraag opgepakt.")
    card = last_update(connector, jur_card_id)
    assert "Opgepakt (door Bram)" in texts(card)

    await post(bot, click_in(jur, card, "Doorsturen naar dit team", team="IBC", note="Is AVG"))
    sent = connector.take()
    [told] = [s for s in sent if s.conversation_id == anna.conversation_id]
    assert f"doorgestuurd naar {IBC_NAME}" in texts(told.card)
    [at_ibc] = [s for s in sent if s.conversation_id == ibc.conversation_id]
    assert "Doorgestuurd door Juridische Zaken (JUR): Is AVG" in texts(at_ibc.card)
    assert f"Doorgestuurd naar {IBC_NAME}." in texts(last_update(connector, jur_card_id))
    assert last_update(connector, jur_card_id)["actions"] == []
    ticket = await ticket_of(bot, ticket_id)
    assert (ticket.team, ticket.status, ticket.picked_up_by) == ("IBC", TicketStatus.NEW, None)

    await post(bot, click_in(ibc, at_ibc.card, "Antwoord versturen", CARLA, answer="Ja, mits."))
    [answer] = connector.take()
    assert answer.conversation_id == anna.conversation_id
    assert f"Antwoord van {IBC_NAME}" in texts(answer.card) and "Ja, mits." in texts(answer.card)
    ibc_card_id = (await ticket_of(bot, ticket_id)).channel_activity_id
    assert "Beantwoord" in texts(last_update(connector, ibc_card_id))
    ticket = await ticket_of(bot, ticket_id)
    assert (ticket.status, ticket.answer, ticket.picked_up_by) == (
        TicketStatus.ANSWERED,
        "Ja, mits.",
        "Carla",
    )

    follow_up = find_action(answer.card, "Vervolgvraag versturen")["data"]
    await post(bot, anna.click({**follow_up, "follow_up": "En voor een stichting?"}))
    sent = connector.take()
    [reply] = [s for s in sent if s.conversation_id == anna.conversation_id]
    assert reply.activity["text"] == (
        f"Je vervolgvraag staat bij {IBC_NAME}. Je krijgt hier antwoord."
    )
    [in_thread] = [s for s in sent if s.conversation_id == ibc.conversation_id]
    assert in_thread.reply_to == ibc_card_id  # in the thread of the ticket card
    assert texts(in_thread.card).startswith("Vervolgvraag van Anna:\nEn voor een stichting?")
    reopened = last_update(connector, ibc_card_id)
    assert "En voor een stichting?" in texts(reopened) and "Heropend" in texts(reopened)
    assert (await ticket_of(bot, ticket_id)).status is TicketStatus.REOPENED

    await post(bot, click_in(ibc, reopened, "Sluiten", CARLA))
    [told] = connector.take()
    assert f"{IBC_NAME} heeft je vraag gesloten" in texts(told.card)
    assert (await ticket_of(bot, ticket_id)).status is TicketStatus.CLOSED
    steps = [e.step for e in await tickets.events(ticket_id)]
    assert steps == ["asked", "pick_up", "forward", "answer", "follow_up", "close"]
    # every notification went out once
    assert {n.status for n in await tickets.notifications(ticket_id)} == {"sent"}


async def test_the_asker_marks_the_answer_solved(bot, connector):
    fast(bot)
    jur = await bind(bot, connector, "JUR")
    anna = Teams(connector.url)
    ticket_id = await ask(bot, connector, anna, "Mag dit?", "JUR")
    card = channel_card(connector, jur)
    await post(bot, click_in(jur, card, "Antwoord versturen", answer="Ja."))
    [answer] = connector.take()
    await post(bot, anna.click(find_action(answer.card, "Opgelost")["data"]))
    [reply] = connector.take()
    assert reply.activity["text"] == "Fijn dat je verder kunt. Ik heb de vraag gesloten."
    assert (await ticket_of(bot, ticket_id)).status is TicketStatus.CLOSED
    assert "Gesloten" in texts(last_update(connector, (await ticket_of(bot, ticket_id))
                                           .channel_activity_id))  # fmt: skip


async def test_a_click_from_another_conversation_is_refused(bot, connector):
    fast(bot)
    jur = await bind(bot, connector, "JUR")
    ibc = await bind(bot, connector, "IBC", CARLA)
    anna = Teams(connector.url)
    ticket_id = await ask(bot, connector, anna, "Mag dit?", "JUR")
    card = channel_card(connector, jur)
    await post(bot, click_in(ibc, card, "Oppakken", CARLA))  # the card, clicked elsewhere
    [refusal] = connector.take()
    assert refusal.conversation_id == ibc.conversation_id
    assert refusal.activity["text"].startswith(f"Alleen {JUR_NAME} kan deze vraag oppakken")
    await post(bot, anna.click(find_action(card, "Oppakken")["data"]))  # the asker herself
    [refusal] = connector.take()
    assert refusal.activity["text"].startswith(f"Alleen {JUR_NAME} kan")
    unbound = Teams(connector.url, conversation_type="channel")
    await post(bot, click_in(unbound, card, "Sluiten"))
    assert "Alleen" in connector.take()[0].activity["text"]
    ticket = await ticket_of(bot, ticket_id)
    assert (ticket.status, ticket.picked_up_by) == (TicketStatus.NEW, None)
    assert [e.step for e in await services(bot).tickets.events(ticket_id)] == ["asked"]


async def test_a_second_click_on_an_old_card_is_refused(bot, connector):
    fast(bot)
    jur = await bind(bot, connector, "JUR")
    anna = Teams(connector.url)
    ticket_id = await ask(bot, connector, anna, "Mag dit?", "JUR")
    card = channel_card(connector, jur)
    await post(bot, click_in(jur, card, "Oppakken"))
    connector.take()
    await post(bot, click_in(jur, card, "Oppakken", CARLA))
    [refusal] = connector.take()
    assert refusal.activity["text"] == "Dat kan niet meer: de vraag is intussen opgepakt."
    assert (await ticket_of(bot, ticket_id)).picked_up_by == "Bram"


async def test_a_team_without_a_channel_gives_contact_details_and_keeps_the_question(
    bot, connector, settings
):
    fast(bot)
    anna = Teams(connector.url)
    await post(bot, anna.message("vraag een expert Wie regelt de detachering?"))
    [form] = connector.take()
    submit = find_action(form.card, "Vraag versturen")["data"]
    await post(bot, anna.click({**submit, "question": "Wie regelt de detachering?",
                                "team": "P&O"}))  # fmt: skip
    [fallback] = [
        s for s in connector.take() if s.card is not None and "Vraag #" not in texts(s.card)
    ]
    assert "P&O-advies heeft nog geen kanaal voor vragen" in texts(fallback.card)
    [ticket] = await services(bot).tickets.find(unrouted=True)
    assert (ticket.team, ticket.routed) == ("P&O", False)
    command = [sys.executable, "-m", "bot", "tickets", "list", "--unrouted", "--json",
               "--database", settings.database_url]  # fmt: skip
    listed = await asyncio.create_subprocess_exec(*command, stdout=asyncio.subprocess.PIPE)
    out, _ = await listed.communicate()
    assert [(row["team"], row["question"]) for row in json.loads(out)] == [
        ("P&O", "Wie regelt de detachering?")
    ]
    # once a channel is bound, the kept question is posted there
    channel = Teams(connector.url, conversation_type="channel")
    await post(bot, as_person(channel.message("koppel dit kanaal aan P&O"), BRAM))
    posted = [s for s in connector.take() if s.card is not None]
    assert "Wie regelt de detachering?" in texts(posted[0].card)
    assert await services(bot).tickets.find(unrouted=True) == []


async def test_an_old_ticket_gets_one_reminder_in_the_channel(bot, connector):
    fast(bot)
    jur = await bind(bot, connector, "JUR")
    anna = Teams(connector.url)
    ticket_id = await ask(bot, connector, anna, "Mag dit?", "JUR")
    connector.take()
    notifier = services(bot).ticket_notifier
    thursday = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)  # 3 working days after the question
    assert (await notifier.run(thursday)).reminders_queued == 0
    monday = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
    report = await notifier.run(monday)
    [reminder] = connector.take()
    assert reminder.conversation_id == jur.conversation_id
    assert "meer dan 3 werkdagen open" in texts(reminder.card)
    assert find_action(reminder.card, "Oppakken")["data"] == {
        "action": "ticket_pick_up",
        "ticket": ticket_id,
    }
    assert (report.reminders_queued, report.sent) == (1, 1)
    assert (await notifier.run(monday)).reminders_queued == 0
    assert connector.take() == []


async def test_a_restart_between_asking_and_answering_loses_nothing(settings, connector):
    first = fast(await start_bot(settings))
    try:
        jur = await bind(first, connector, "JUR")
        anna = Teams(connector.url)
        ticket_id = await ask(first, connector, anna, "Mag dit?", "JUR")
        card = channel_card(connector, jur)
    finally:
        await first.close()
    second = fast(await start_bot(settings))
    try:
        await post(second, click_in(jur, card, "Antwoord versturen", answer="Ja, dat mag."))
        [answer] = connector.take()
        assert answer.conversation_id == anna.conversation_id
        assert "Ja, dat mag." in texts(answer.card)
        ticket = await ticket_of(second, ticket_id)
        assert (ticket.status, ticket.answer) == (TicketStatus.ANSWERED, "Ja, dat mag.")
    finally:
        await second.close()


async def test_a_notification_whose_sender_died_is_sent_once_by_the_next_run(bot, connector):
    fast(bot)
    jur = await bind(bot, connector, "JUR")
    anna = Teams(connector.url)
    await post(bot, anna.message("vraag een expert"))
    [form] = connector.take()
    submit = find_action(form.card, "Vraag versturen")["data"]
    connector.failures = [500] * 4  # the channel post fails through all its retries
    await post(bot, anna.click({**submit, "question": "Mag dit?", "team": "JUR"}))
    assert connector.refused == [500] * 4
    [confirmation] = connector.take()
    assert confirmation.conversation_id == anna.conversation_id
    [ticket] = await services(bot).tickets.find()
    ticket_id = ticket.id or 0
    assert (await ticket_of(bot, ticket_id)).routed is False
    report = await services(bot).ticket_notifier.run(datetime(2026, 11, 23, 11, tzinfo=UTC))
    assert report.sent == 1
    assert [s.conversation_id for s in connector.take()] == [jur.conversation_id]
    assert (await ticket_of(bot, ticket_id)).routed is True
    assert (
        await services(bot).ticket_notifier.run(datetime(2026, 11, 23, 12, tzinfo=UTC))
    ).sent == 0


async def test_bindings_are_listed_removed_and_ended_by_teams(bot, connector):
    jur = await bind(bot, connector, "JUR")
    await post(bot, as_person(jur.message("kanalen"), BRAM))
    [listing] = connector.take()
    assert f"JUR: kanaal {jur.conversation_id}" in texts(listing.card)
    deleted = jur.activity(
        "conversationUpdate",
        channelData={"eventType": "channelDeleted", "channel": {"id": jur.conversation_id},
                     "team": {"id": "team-1"}, "tenant": {"id": "tenant-tilburg"}},
    )  # fmt: skip
    assert await post(bot, deleted) == 201
    assert await services(bot).tickets.binding("JUR") is None
    other = await bind(bot, connector, "IBC")
    await post(bot, as_person(other.message("kanalen"), BRAM))
    [listing] = connector.take()
    assert "JUR: kanaal verwijderd" in texts(listing.card)
    await post(bot, as_person(other.message("ontkoppel IBC"), BRAM))
    assert (
        connector.take()[0]
        .activity["text"]
        .startswith("Informatiebeheer & Control (IBC) is ontkoppeld")
    )
    assert await services(bot).tickets.binding("IBC") is None


async def test_binding_outside_a_channel_or_by_a_non_administrator_is_refused(settings, connector):
    import dataclasses

    client = await start_bot(dataclasses.replace(settings, administrators=frozenset({"aad-admin"})))
    try:
        anna = Teams(connector.url)
        await post(client, anna.message("koppel dit kanaal aan JUR"))
        assert "vanuit dat kanaal zelf" in connector.take()[0].activity["text"]
        channel = Teams(connector.url, conversation_type="channel")
        await post(client, as_person(channel.message("koppel dit kanaal aan JUR"), BRAM))
        assert "Alleen een beheerder" in connector.take()[0].activity["text"]
        admin = {"id": "29:admin", "name": "Beheer", "aadObjectId": "aad-admin"}
        await post(client, as_person(channel.message("koppel dit kanaal aan JUR"), admin))
        assert "gekoppeld aan" in connector.take()[0].activity["text"]
    finally:
        await client.close()


async def test_privacy_lists_the_tickets_and_forgetting_removes_the_name(bot, connector):
    fast(bot)
    await bind(bot, connector, "JUR")
    anna = Teams(connector.url)
    ticket_id = await ask(bot, connector, anna, "Mag dit?", "JUR")
    connector.take()
    await post(bot, anna.message("privacy"))
    [privacy] = connector.take()
    assert "Vraag #" in texts(privacy.card) and "Mag dit?" in texts(privacy.card)
    await post(bot, anna.message("verwijder mijn gegevens"))
    [confirm] = connector.take()
    await post(bot, anna.click(find_action(confirm.card, "Ja")["data"]))
    connector.take()
    ticket = await ticket_of(bot, ticket_id)
    assert (ticket.asker_id, ticket.asker_name, ticket.question) == (None, None, "Mag dit?")


async def test_closed_tickets_are_deleted_after_the_retention_period(bot, connector):
    fast(bot)
    jur = await bind(bot, connector, "JUR")
    anna = Teams(connector.url)
    ticket_id = await ask(bot, connector, anna, "Mag dit?", "JUR")
    await post(bot, click_in(jur, channel_card(connector, jur), "Sluiten"))
    connector.take()
    notifier = services(bot).ticket_notifier
    assert (await notifier.run(datetime(2027, 11, 22, 10, tzinfo=UTC))).deleted == 0
    assert (await notifier.run(datetime(2027, 11, 24, 10, tzinfo=UTC))).deleted == 1
    assert await services(bot).tickets.get(ticket_id) is None


async def test_removing_the_bot_from_the_team_unbinds_its_channels(bot, connector):
    jur = Teams(connector.url, conversation_type="channel")
    in_team = {"tenant": {"id": "tenant-tilburg"}, "team": {"id": "team-1"}}
    bind_jur = jur.message("koppel dit kanaal aan JUR", channelData=in_team)
    await post(bot, as_person(bind_jur, BRAM))
    connector.take()
    await bind(bot, connector, "IBC", team_id="team-2")  # a channel in another Teams team
    tickets = services(bot).tickets
    removed = jur.activity(
        "conversationUpdate",
        membersRemoved=[{"id": "28:samenwerkwijzer-bot"}],
        channelData={"eventType": "teamMemberRemoved", "team": {"id": "team-1"},
                     "tenant": {"id": "tenant-tilburg"}},
    )  # fmt: skip
    assert await post(bot, removed) == 201
    assert await tickets.binding("JUR") is None
    assert await tickets.binding("IBC") is not None  # in another Teams team: left alone
    [ended] = [b for b in await tickets.bindings() if not b.active]
    assert (ended.team, ended.unbound_reason) == ("JUR", "bot_removed")


async def test_an_on_topic_question_without_answer_offers_an_expert(bot, connector):
    anna = Teams(connector.url)
    question = "mag ik op vrijdag thuiswerken als ik aan de samenwerking werk?"
    await post(bot, anna.message(question))
    [reply] = connector.take()
    assert find_action(reply.card, "Vraag een expert")["data"] == {
        "action": "ticket_ask",
        "text": question,
    }
    await post(bot, anna.message("wat eten we vandaag in de kantine?"))
    [reply] = connector.take()
    assert "Vraag een expert" not in texts(reply.card)


async def test_answered_tickets_are_candidate_phrasings_in_the_feedback_report(
    bot, connector, settings
):
    fast(bot)
    jur = await bind(bot, connector, "JUR")
    anna = Teams(connector.url)
    await ask(bot, connector, anna, "Mag de GR een stichting subsidie geven?", "JUR")
    await post(bot, click_in(jur, channel_card(connector, jur), "Antwoord versturen", answer="Ja"))
    command = [sys.executable, "-m", "bot", "feedback", "report", "--database",
               settings.database_url]  # fmt: skip
    report = await asyncio.create_subprocess_exec(*command, stdout=asyncio.subprocess.PIPE)
    out, _ = await report.communicate()
    lines = out.decode().splitlines()
    heading = lines.index(
        "Questions expert teams answered: candidate phrasings (add by hand, never automatic):"
    )
    [candidate] = lines[heading + 1 :]
    assert "'Mag de GR een stichting subsidie geven?'" in candidate


async def test_uninstalling_the_app_from_the_team_unbinds_the_channel(bot, connector):
    jur = await bind(bot, connector, "JUR")
    removal = jur.activity("installationUpdate", action="remove")
    assert await post(bot, removal) == 201
    assert await services(bot).tickets.binding("JUR") is None
    [ended] = await services(bot).tickets.bindings()
    assert ended.unbound_reason == "bot_removed"


async def test_a_crash_between_claim_and_send_sends_the_ticket_card_once(settings, connector):
    client = fast(await start_bot(settings))
    try:
        jur = await bind(client, connector, "JUR")
        anna = Teams(connector.url)
        await post(client, anna.message("vraag een expert"))
        [form] = connector.take()
        submit = find_action(form.card, "Vraag versturen")["data"]
        connector.failures = [500] * 4  # the post in the turn fails: left for the next run
        await post(client, anna.click({**submit, "question": "Mag dit?", "team": "JUR"}))
        connector.take()
    finally:
        await client.close()
    command = [sys.executable, "-m", "bot", "reminders", "run", "--database", settings.database_url]
    crashed = await asyncio.create_subprocess_exec(
        *command, "--now", "2026-11-23T12:00", "--exit-after-claim"
    )
    assert await crashed.wait() == 75
    assert connector.take() == []  # claimed, never sent
    too_soon = await asyncio.create_subprocess_exec(*command, "--now", "2026-11-23T12:05")
    assert await too_soon.wait() == 0
    assert connector.take() == []  # the lease still holds
    restarted = await asyncio.create_subprocess_exec(*command, "--now", "2026-11-23T12:15")
    assert await restarted.wait() == 0
    [posted] = connector.take()
    assert posted.conversation_id == jur.conversation_id and "Mag dit?" in texts(posted.card)
    again = await asyncio.create_subprocess_exec(*command, "--now", "2026-11-23T12:20")
    assert await again.wait() == 0
    assert connector.take() == []


async def test_forwarding_to_a_team_without_a_channel_keeps_it_and_tells_the_asker(bot, connector):
    fast(bot)
    jur = await bind(bot, connector, "JUR")
    anna = Teams(connector.url)
    ticket_id = await ask(bot, connector, anna, "Mag dit?", "JUR")
    card = channel_card(connector, jur)
    await post(bot, click_in(jur, card, "Doorsturen naar dit team", team="P&O", note=""))
    [told] = [s for s in connector.take() if s.conversation_id == anna.conversation_id]
    assert "P&O-advies heeft nog geen kanaal voor vragen" in texts(told.card)
    assert [t.id for t in await services(bot).tickets.find(unrouted=True)] == [ticket_id]
    assert (await ticket_of(bot, ticket_id)).team == "P&O"


async def test_binding_a_team_to_a_new_channel_posts_its_open_tickets_there(bot, connector):
    fast(bot)
    old = await bind(bot, connector, "JUR")
    anna = Teams(connector.url)
    ticket_id = await ask(bot, connector, anna, "Mag dit?", "JUR")
    channel_card(connector, old)
    new = Teams(connector.url, conversation_type="channel")
    await post(bot, as_person(new.message("koppel dit kanaal aan JUR"), BRAM))
    sent = connector.take()
    [posted] = [s for s in sent if s.card is not None]
    assert posted.conversation_id == new.conversation_id and "Mag dit?" in texts(posted.card)
    await post(bot, click_in(new, posted.card, "Oppakken"))
    assert (await ticket_of(bot, ticket_id)).picked_up_by == "Bram"
    await post(bot, click_in(old, posted.card, "Sluiten"))  # the old channel no longer counts
    assert "Alleen" in connector.take()[-1].activity["text"]


async def test_without_administrators_only_an_owner_of_the_team_may_bind(bot, connector):
    channel = Teams(connector.url, conversation_type="channel")
    connector.roles[BRAM["id"]] = "user"  # Teams reports Bram as a member, not an owner
    await post(bot, as_person(channel.message("koppel dit kanaal aan JUR"), BRAM))
    assert "eigenaar van dit team" in connector.take()[0].activity["text"]
    assert await services(bot).tickets.binding("JUR") is None
    connector.roles[BRAM["id"]] = "owner"
    await post(bot, as_person(channel.message("koppel dit kanaal aan JUR"), BRAM))
    assert "gekoppeld aan" in connector.take()[0].activity["text"]
    assert await services(bot).tickets.binding("JUR") is not None
