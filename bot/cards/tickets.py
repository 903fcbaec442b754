"""Cards of 'Vraag een expert': the form, the ticket card in the team's channel, the asker's
updates in personal chat, the reminder and the channel list. Pure builders."""

from __future__ import annotations

from collections.abc import Sequence

from bot.cards import ticket_texts as t
from bot.cards.actions import Action, data
from bot.cards.common import (
    Card,
    Element,
    action_set,
    bullets,
    card,
    contact_elements,
    heading,
    show_card,
    submit,
    subtle,
    text,
    title,
)
from bot.cards.inputs import choice_set, text_input
from bot.domain.content import Content
from bot.domain.models import Expert
from bot.domain.tickets import TRANSITIONS, Step, Ticket, TicketStatus

QUESTION_MAX_LENGTH = 2000


def team_name(code: str, content: Content) -> str:
    expert = content.experts.get(code)
    return expert.name if expert else code


def ask_expert_action(entry_id: str | None = None, question: str | None = None) -> Element:
    return submit(t.ASK_EXPERT, data(Action.TICKET_ASK, id=entry_id, text=question))


def ask_offer_card(entry_id: str | None = None, question: str | None = None) -> Card:
    """A short offer to ask a team, after 'Niet nuttig' or an unanswered question."""
    return card([text(t.ASK_OFFER)], [ask_expert_action(entry_id, question)])


def ticket_form_card(
    question: str,
    experts: Sequence[Expert],
    proposed: str | None,
    partnerships: Sequence[tuple[int, str]],
    item_id: str | None,
) -> Card:
    """The question (editable), the team (the answer's main team proposed) and, if the user
    has any, one of their partnerships."""
    body: list[Element] = [
        title(t.FORM_TITLE),
        text(t.FORM_INTRO),
        text_input(
            "question",
            t.QUESTION_LABEL,
            multiline=True,
            value=question,
            required=t.QUESTION_MISSING,
            max_length=QUESTION_MAX_LENGTH,
        ),
        choice_set(
            "team",
            t.TEAM_LABEL,
            [(expert.name, expert.code) for expert in experts],
            value=proposed or experts[0].code,
        ),
    ]
    if partnerships:
        body.append(
            choice_set(
                "partnership",
                t.PARTNERSHIP_LABEL,
                [(t.NO_PARTNERSHIP, ""), *((name, str(id_)) for id_, name in partnerships)],
                value="",
            )
        )
    return card(body, [submit(t.SEND_QUESTION, data(Action.TICKET_SUBMIT, item=item_id))])


def ticket_sent_card(question: str, team: str) -> Card:
    """The form after sending: what was asked, and of whom."""
    return card([title(t.FORM_TITLE), text(question), subtle(team)])


def _summary(
    ticket: Ticket, content: Content, partnership: str | None, follow_up: str | None
) -> list[Element]:
    facts = [
        (t.ASKER_FACT, ticket.asker_name or t.ANONYMOUS),
        (t.STATUS_FACT, t.status_line(ticket.status.value, ticket.picked_up_by)),
    ]
    if partnership:
        facts.append((t.PARTNERSHIP_FACT, partnership))
    if ticket.item_id and ticket.item_id in content.items:
        facts.append((t.ITEM_FACT, content.items[ticket.item_id].question))
    body: list[Element] = [
        title(t.ticket_title(ticket.id or 0)),
        text(ticket.question, spacing="Medium"),
        {"type": "FactSet", "facts": [{"title": k, "value": v} for k, v in facts]},
    ]
    if follow_up and ticket.status is not TicketStatus.ANSWERED:
        body += [heading(t.FOLLOW_UP_HEADING), text(follow_up)]
    if ticket.answer and ticket.status is not TicketStatus.REOPENED:
        body += [heading(t.ANSWER_HEADING), text(ticket.answer)]
    return body


def _may(ticket: Ticket, step: Step) -> bool:
    return ticket.status in TRANSITIONS[step][0]


def ticket_card(
    ticket: Ticket,
    content: Content,
    *,
    shown_team: str,
    partnership: str | None = None,
    follow_up: str | None = None,
    forward_note: str | None = None,
) -> Card:
    """The ticket card in `shown_team`'s channel, with the steps the team may take now."""
    body = _summary(ticket, content, partnership, follow_up)
    if forward_note:
        body.append(subtle(forward_note))
    if ticket.team != shown_team:  # forwarded elsewhere: this card only records that
        body.append(text(t.forwarded_away_text(team_name(ticket.team, content)), bold=True))
        return card(body)
    ref = ticket.id or 0
    buttons: list[Element] = []
    if _may(ticket, Step.PICK_UP):
        buttons.append(submit(t.PICK_UP, data(Action.TICKET_PICK_UP, ticket=ref)))
    if _may(ticket, Step.ANSWER):
        answer_box = text_input("answer", t.ANSWER_LABEL, multiline=True, max_length=4000)
        send = submit(t.SEND_ANSWER, data(Action.TICKET_ANSWER, ticket=ref))
        buttons.append(show_card(t.ANSWER, [answer_box, action_set([send])]))
    if _may(ticket, Step.FORWARD):
        others = [(e.name, e.code) for e in content.experts.values() if e.code != ticket.team]
        forward_body = [
            choice_set("team", t.FORWARD_TEAM_LABEL, others, value=others[0][1]),
            text_input("note", t.FORWARD_NOTE_LABEL, multiline=True),
            action_set([submit(t.SEND_FORWARD, data(Action.TICKET_FORWARD, ticket=ref))]),
        ]
        buttons.append(show_card(t.FORWARD, forward_body))
    if _may(ticket, Step.CLOSE):
        buttons.append(submit(t.CLOSE, data(Action.TICKET_CLOSE, ticket=ref)))
    return card(body, buttons)


def ticket_reminder_card(ticket: Ticket, content: Content, working_days: int) -> Card:
    body = [text(t.reminder_text(working_days), bold=True), *_summary(ticket, content, None, None)]
    actions = []
    if _may(ticket, Step.PICK_UP):
        actions.append(submit(t.PICK_UP, data(Action.TICKET_PICK_UP, ticket=ticket.id or 0)))
    return card(body, actions)


def follow_up_card(ticket: Ticket, follow_up: str) -> Card:
    """A reply in the ticket card's thread: the asker asked a follow-up (the ticket reopened)."""
    body = [text(t.follow_up_text(ticket.asker_name or t.ANONYMOUS), bold=True), text(follow_up)]
    actions = []
    if _may(ticket, Step.PICK_UP):
        actions.append(submit(t.PICK_UP, data(Action.TICKET_PICK_UP, ticket=ticket.id or 0)))
    return card(body, actions)


def _asker_buttons(ticket: Ticket, *, resolved: bool) -> list[Element]:
    ref = ticket.id or 0
    box = text_input("follow_up", t.FOLLOW_UP_LABEL, multiline=True, max_length=4000)
    send = submit(t.SEND_FOLLOW_UP, data(Action.TICKET_FOLLOW_UP, ticket=ref))
    buttons = [show_card(t.FOLLOW_UP, [box, action_set([send])])]
    if resolved:
        buttons.insert(0, submit(t.RESOLVED, data(Action.TICKET_RESOLVED, ticket=ref)))
    return buttons


def asker_update_card(ticket: Ticket, step: str, by: str | None, content: Content) -> Card:
    """What the asker hears in personal chat about a step the team took."""
    team = team_name(ticket.team, content)
    question = [subtle(f"{t.YOUR_QUESTION}: {ticket.question}")]
    if step == Step.ANSWER:
        body = [heading(t.answered_heading(team)), text(ticket.answer or ""), *question]
        return card(body, _asker_buttons(ticket, resolved=True))
    if step == Step.PICK_UP:
        return card([text(t.picked_up_text(by or team, team)), *question])
    if step == Step.FORWARD:
        return card([text(t.forwarded_text(team)), *question])
    return card([text(t.closed_text(team)), *question], _asker_buttons(ticket, resolved=False))


def unrouted_card(expert: Expert, content: Content) -> Card:
    """The team has no bound channel: how to reach it directly."""
    return card(
        [
            text(t.unrouted_text(expert.name)),
            text(expert.name, bold=True),
            *contact_elements(expert, content),
        ]
    )


def channels_card(active: Sequence[tuple[str, str]], ended: Sequence[tuple[str, str, str]]) -> Card:
    """Bound channels (team, channel) and bindings Teams ended (team, reason, date)."""
    body: list[Element] = [title(t.BINDINGS_HEADING)]
    body.append(
        bullets(t.binding_line(team, channel) for team, channel in active)
        if active
        else text(t.NO_BINDINGS)
    )
    if ended:
        body += [
            heading(t.ENDED_HEADING),
            bullets(t.ended_line(team, reason, at) for team, reason, at in ended),
        ]
    return card(body)
