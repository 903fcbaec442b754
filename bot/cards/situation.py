"""The overview for a described partnership: what matters, whom to involve, how to go on."""

from __future__ import annotations

from bot.cards.actions import Action, data
from bot.cards.common import (
    Card,
    Element,
    button_row,
    card,
    heading,
    numbered,
    submit,
    subtle,
    text,
    title,
)
from bot.cards.intake import intake_button
from bot.cards.labels import label
from bot.domain.content import Content
from bot.domain.lookup import theme_by_key
from bot.domain.messages import Messages
from bot.domain.triage import ExpertCall, Triage

MAX_INTAKES = 3


def situation_card(triage: Triage, content: Content) -> Card:
    """Checklist questions by theme (each with a short button to its answer), the teams with
    the words of the text that call for them, and buttons to register and to start intakes."""
    messages = content.messages
    body: list[Element] = [
        title(messages.say("situation_heading")),
        text(messages.say("situation_intro")),
    ]
    number = 1
    for theme in triage.themes:
        items = [item for item in triage.checklist if item.theme == theme.key]
        if not items:
            continue
        entries = [(item.question, data(Action.SHOW, id=item.id)) for item in items]
        body += [
            heading(theme.title, separator=True),
            *numbered(messages, entries, "question_number", start=number),
        ]
        number += len(entries)
    if triage.experts:
        body.append(heading(messages.say("situation_teams"), separator=True))
        for call in triage.experts:
            expert = content.experts.get(call.code)
            body += [
                text(expert.name if expert else call.code, bold=True),
                subtle(_why(call, messages, content)),
            ]
    flags = ",".join(key for key, on in triage.registration.flags.items() if on)
    register = submit(
        label(messages, "register"),
        data(Action.PARTNERSHIP_NEW, mode="form", form=triage.registration.form, flags=flags),
        style="positive",
    )
    body += [heading(messages.say("situation_register"), separator=True), *button_row([register])]
    themes = [theme_by_key(content, ref.key) for ref in triage.themes[:MAX_INTAKES]]
    intakes = [intake_button(messages, theme) for theme in themes if theme is not None]
    if intakes:
        body += [heading(messages.say("situation_intakes"), separator=True), *button_row(intakes)]
    return card(body, full=True)


def _why(call: ExpertCall, messages: Messages, content: Content) -> str:
    """'Omdat je schrijft: 'gedetacheerd' en 'overgaan'.' - the words of the text that call for
    the team, else the checklist question that does (the triage's own reason when neither)."""
    if not call.triggers:
        if call.item in content.items:
            return messages.say("situation_why_item", question=content.items[call.item].question)
        return call.why
    words = messages.listing([messages.say("quoted_name", name=word) for word in call.triggers])
    return messages.say("situation_why", words=words)
