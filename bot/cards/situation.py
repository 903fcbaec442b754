"""The overview for a described partnership: what matters, whom to involve, how to go on."""

from __future__ import annotations

from bot.cards import texts
from bot.cards.actions import Action, data
from bot.cards.common import Card, Element, button_row, card, heading, submit, subtle, text, title
from bot.cards.intake import intake_button
from bot.domain.content import Content
from bot.domain.lookup import theme_by_key
from bot.domain.triage import Triage

MAX_INTAKES = 3


def situation_card(triage: Triage, content: Content) -> Card:
    """Checklist questions by theme (each with a short button to its answer), the teams with
    the words of the text that call for them, and buttons to register and to start intakes."""
    body: list[Element] = [title(texts.SITUATION_HEADING), text(texts.SITUATION_INTRO)]
    number = 0
    for theme in triage.themes:
        items = [item for item in triage.checklist if item.theme == theme.key]
        if not items:
            continue
        body.append(heading(theme.title, separator=True))
        for item in items:
            number += 1
            show = submit(
                texts.QUESTION_BUTTON.format(number=number), data(Action.SHOW, id=item.id)
            )
            body += [text(f"{number}. {item.question}"), *button_row([show])]
    if triage.experts:
        body.append(heading(texts.SITUATION_TEAMS, separator=True))
        for call in triage.experts:
            expert = content.experts.get(call.code)
            body += [text(expert.name if expert else call.code, bold=True), subtle(call.why)]
    flags = ",".join(key for key, on in triage.registration.flags.items() if on)
    register = submit(
        texts.SITUATION_REGISTER,
        data(Action.PARTNERSHIP_NEW, mode="form", form=triage.registration.form, flags=flags),
        style="positive",
    )
    themes = [theme_by_key(content, ref.key) for ref in triage.themes[:MAX_INTAKES]]
    intakes = [intake_button(theme) for theme in themes if theme is not None]
    body += [heading(texts.SITUATION_NEXT, separator=True), *button_row([register, *intakes])]
    return card(body, full=True)
