"""Cards of 'Vraag een expert': the form, the ticket card in the team's channel, the asker's
updates in personal chat, the reminder and the channel list. Pure builders."""

from __future__ import annotations

from collections.abc import Sequence

from bot.cards.actions import Action, data
from bot.cards.common import (
    Card,
    Element,
    action_set,
    bullets,
    card,
    contact_elements,
    heading,
    shorten,
    show_card,
    submit,
    subtle,
    text,
    title,
)
from bot.cards.inputs import choice_set, text_input
from bot.cards.labels import label
from bot.domain.content import Content
from bot.domain.messages import Messages
from bot.domain.models import Expert
from bot.domain.tickets import TRANSITIONS, Step, Ticket, TicketStatus

QUESTION_MAX_LENGTH = 2000
STATUS_KEYS = {  # a ticket's status -> its name
    TicketStatus.NEW.value: "ticket_status_new",
    TicketStatus.PICKED_UP.value: "ticket_status_picked_up",
    TicketStatus.ANSWERED.value: "ticket_status_answered",
    TicketStatus.CLOSED.value: "ticket_status_closed",
    TicketStatus.REOPENED.value: "ticket_status_reopened",
}
ENDED_REASON_KEYS = {  # why Teams ended a channel binding -> the words for it
    "channel_deleted": "ticket_ended_channel_deleted",
    "bot_removed": "ticket_ended_bot_removed",
    "team_deleted": "ticket_ended_team_deleted",
    "team_archived": "ticket_ended_team_archived",
    "unreachable": "ticket_ended_unreachable",
}


def team_name(code: str, content: Content) -> str:
    expert = content.experts.get(code)
    return expert.name if expert else code


# --- texts ------------------------------------------------------------------------------------


def status_name(messages: Messages, status: str) -> str:
    """'opgepakt' -> 'Opgepakt'; an unknown status as it is."""
    return messages.say(STATUS_KEYS[status]) if status in STATUS_KEYS else status


def status_line(messages: Messages, status: str, picked_up_by: str | None) -> str:
    name = status_name(messages, status)
    if status == TicketStatus.PICKED_UP.value and picked_up_by:
        return messages.say("ticket_status_picked_up_by", status=name, name=picked_up_by)
    return name


def wrong_state_text(messages: Messages, status: str) -> str:
    return messages.say("ticket_wrong_state", status=status_name(messages, status).lower())


def forwarded_note_text(messages: Messages, team: str, note: str) -> str:
    """On the card in the channel of the team a ticket was forwarded to."""
    if note:
        return messages.say("ticket_forwarded_by_note", team=team, note=note)
    return messages.say("ticket_forwarded_by", team=team)


def bound_text(messages: Messages, team: str, waiting: int) -> str:
    """A channel bound; `waiting` tickets that waited for a channel are posted there now."""
    if waiting:
        return messages.count("ticket_bound_waiting", waiting, team=team)
    return messages.say("ticket_bound", team=team)


def ticket_privacy_lines(
    messages: Messages, tickets: Sequence[Ticket], *, last_question: bool
) -> list[str]:
    """What the privacy overview says about the last question and the person's tickets."""
    lines = [messages.say("ticket_privacy_last_question")] if last_question else []
    if tickets:
        lines.append(messages.count("ticket_privacy_tickets", len(tickets)))
        lines += [
            messages.say(
                "ticket_privacy_ticket",
                number=ticket.id or 0,
                status=status_name(messages, ticket.status).lower(),
                question=shorten(ticket.question),
            )
            for ticket in tickets
        ]
    return lines


def ticket_digest_lines(messages: Messages, open_tickets: dict[str, int]) -> list[Element]:
    """The weekly digest's part on questions to expert teams still open, per team."""
    counts = [
        messages.count("ticket_digest_line", n, team=team) for team, n in open_tickets.items()
    ]
    return [
        heading(messages.say("ticket_digest_heading")),
        bullets(counts) if counts else text(messages.say("ticket_digest_none")),
    ]


# --- cards ------------------------------------------------------------------------------------


def ask_expert_action(
    messages: Messages, entry_id: str | None = None, question: str | None = None
) -> Element:
    return submit(
        label(messages, "ticket_ask_expert"), data(Action.TICKET_ASK, id=entry_id, text=question)
    )


def ask_offer_card(
    messages: Messages, entry_id: str | None = None, question: str | None = None
) -> Card:
    """A short offer to ask a team, after 'Niet nuttig' or an unanswered question."""
    return card(
        [text(messages.say("ticket_ask_offer"))],
        [ask_expert_action(messages, entry_id, question)],
    )


def ticket_form_card(
    messages: Messages,
    question: str,
    experts: Sequence[Expert],
    proposed: str | None,
    partnerships: Sequence[tuple[int, str]],
    item_id: str | None,
) -> Card:
    """The question (editable), the team (the answer's main team proposed) and, if the user
    has any, one of their partnerships."""
    body: list[Element] = [
        title(messages.say("ticket_form_title")),
        text(messages.say("ticket_form_intro")),
        text_input(
            "question",
            messages.say("ticket_question_input"),
            multiline=True,
            value=question,
            required=messages.say("ticket_question_missing"),
            max_length=QUESTION_MAX_LENGTH,
        ),
        choice_set(
            "team",
            messages.say("ticket_team_input"),
            [(expert.name, expert.code) for expert in experts],
            value=proposed or experts[0].code,
        ),
    ]
    if partnerships:
        none = messages.say("ticket_no_partnership")
        body.append(
            choice_set(
                "partnership",
                messages.say("ticket_partnership_input"),
                [(none, ""), *((name, str(id_)) for id_, name in partnerships)],
                value="",
            )
        )
    send = submit(label(messages, "ticket_send_question"), data(Action.TICKET_SUBMIT, item=item_id))
    return card(body, [send])


def ticket_sent_card(messages: Messages, question: str, team: str) -> Card:
    """The form after sending: what was asked, and of whom."""
    return card([title(messages.say("ticket_form_title")), text(question), subtle(team)])


def _asker_name(messages: Messages, ticket: Ticket) -> str:
    return ticket.asker_name or messages.say("ticket_anonymous")


def _summary(
    ticket: Ticket, content: Content, partnership: str | None, follow_up: str | None
) -> list[Element]:
    messages = content.messages
    facts = [
        (messages.say("ticket_fact_asker"), _asker_name(messages, ticket)),
        (
            messages.say("ticket_fact_status"),
            status_line(messages, ticket.status.value, ticket.picked_up_by),
        ),
    ]
    if partnership:
        facts.append((messages.say("ticket_fact_partnership"), partnership))
    if ticket.item_id and ticket.item_id in content.items:
        facts.append((messages.say("ticket_fact_item"), content.items[ticket.item_id].question))
    body: list[Element] = [
        title(messages.say("ticket_title", number=ticket.id or 0)),
        text(ticket.question, spacing="Medium"),
        {"type": "FactSet", "facts": [{"title": k, "value": v} for k, v in facts]},
    ]
    if follow_up and ticket.status is not TicketStatus.ANSWERED:
        body += [heading(messages.say("ticket_follow_up_heading")), text(follow_up)]
    if ticket.answer and ticket.status is not TicketStatus.REOPENED:
        body += [heading(messages.say("ticket_answer_heading")), text(ticket.answer)]
    return body


def _may(ticket: Ticket, step: Step) -> bool:
    return ticket.status in TRANSITIONS[step][0]


def _pick_up(messages: Messages, ticket: Ticket) -> Element:
    return submit(
        label(messages, "ticket_pick_up"), data(Action.TICKET_PICK_UP, ticket=ticket.id or 0)
    )


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
    messages = content.messages
    body = _summary(ticket, content, partnership, follow_up)
    if forward_note:
        body.append(subtle(forward_note))
    if ticket.team != shown_team:  # forwarded elsewhere: this card only records that
        away = messages.say("ticket_forwarded_away", team=team_name(ticket.team, content))
        body.append(text(away, bold=True))
        return card(body)
    ref = ticket.id or 0
    buttons: list[Element] = []
    if _may(ticket, Step.PICK_UP):
        buttons.append(_pick_up(messages, ticket))
    if _may(ticket, Step.ANSWER):
        answer_box = text_input(
            "answer", messages.say("ticket_answer_input"), multiline=True, max_length=4000
        )
        send = submit(label(messages, "ticket_send_answer"), data(Action.TICKET_ANSWER, ticket=ref))
        buttons.append(
            show_card(label(messages, "ticket_answer"), [answer_box, action_set([send])])
        )
    if _may(ticket, Step.FORWARD):
        others = [(e.name, e.code) for e in content.experts.values() if e.code != ticket.team]
        forward = submit(
            label(messages, "ticket_send_forward"), data(Action.TICKET_FORWARD, ticket=ref)
        )
        forward_body = [
            choice_set(
                "team", messages.say("ticket_forward_team_input"), others, value=others[0][1]
            ),
            text_input("note", messages.say("ticket_forward_note_input"), multiline=True),
            action_set([forward]),
        ]
        buttons.append(show_card(label(messages, "ticket_forward"), forward_body))
    if _may(ticket, Step.CLOSE):
        buttons.append(
            submit(label(messages, "ticket_close"), data(Action.TICKET_CLOSE, ticket=ref))
        )
    return card(body, buttons)


def ticket_reminder_card(ticket: Ticket, content: Content, working_days: int) -> Card:
    messages = content.messages
    reminder = messages.count("ticket_reminder", working_days)
    body = [text(reminder, bold=True), *_summary(ticket, content, None, None)]
    actions = []
    if _may(ticket, Step.PICK_UP):
        actions.append(_pick_up(messages, ticket))
    return card(body, actions)


def follow_up_card(messages: Messages, ticket: Ticket, follow_up: str) -> Card:
    """A reply in the ticket card's thread: the asker asked a follow-up (the ticket reopened)."""
    asker = _asker_name(messages, ticket)
    body = [text(messages.say("ticket_follow_up_from", asker=asker), bold=True), text(follow_up)]
    actions = []
    if _may(ticket, Step.PICK_UP):
        actions.append(_pick_up(messages, ticket))
    return card(body, actions)


def _asker_buttons(messages: Messages, ticket: Ticket, *, resolved: bool) -> list[Element]:
    ref = ticket.id or 0
    box = text_input(
        "follow_up", messages.say("ticket_follow_up_input"), multiline=True, max_length=4000
    )
    send = submit(
        label(messages, "ticket_send_follow_up"), data(Action.TICKET_FOLLOW_UP, ticket=ref)
    )
    buttons = [show_card(label(messages, "ticket_follow_up"), [box, action_set([send])])]
    if resolved:
        buttons.insert(
            0, submit(label(messages, "ticket_resolved"), data(Action.TICKET_RESOLVED, ticket=ref))
        )
    return buttons


def asker_update_card(ticket: Ticket, step: str, by: str | None, content: Content) -> Card:
    """What the asker hears in personal chat about a step the team took."""
    messages = content.messages
    team = team_name(ticket.team, content)
    question = [subtle(messages.say("ticket_your_question", question=ticket.question))]
    if step == Step.ANSWER:
        body = [
            heading(messages.say("ticket_answered_heading", team=team)),
            text(ticket.answer or ""),
            *question,
        ]
        return card(body, _asker_buttons(messages, ticket, resolved=True))
    if step == Step.PICK_UP:
        return card([text(messages.say("ticket_picked_up", by=by or team, team=team)), *question])
    if step == Step.FORWARD:
        return card([text(messages.say("ticket_forwarded", team=team)), *question])
    return card(
        [text(messages.say("ticket_closed", team=team)), *question],
        _asker_buttons(messages, ticket, resolved=False),
    )


def unrouted_card(expert: Expert, content: Content) -> Card:
    """The team has no bound channel: how to reach it directly."""
    return card(
        [
            text(content.messages.say("ticket_unrouted", team=expert.name)),
            text(expert.name, bold=True),
            *contact_elements(expert, content),
        ]
    )


def channels_card(
    messages: Messages,
    active: Sequence[tuple[str, str]],
    ended: Sequence[tuple[str, str, str]],
) -> Card:
    """Bound channels (team, channel) and bindings Teams ended (team, reason, date)."""
    body: list[Element] = [title(messages.say("ticket_bindings_heading"))]
    body.append(
        bullets(
            messages.say("ticket_binding_line", team=team, channel=channel)
            for team, channel in active
        )
        if active
        else text(messages.say("ticket_no_bindings"))
    )
    if ended:
        body += [
            heading(messages.say("ticket_ended_heading")),
            bullets(
                messages.say(
                    "ticket_ended_line", team=team, reason=_reason(messages, reason), date=at
                )
                for team, reason, at in ended
            ),
        ]
    return card(body)


def _reason(messages: Messages, reason: str) -> str:
    return messages.say(ENDED_REASON_KEYS[reason]) if reason in ENDED_REASON_KEYS else reason
