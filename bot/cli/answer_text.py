"""A match result as plain Dutch text, for the command line."""

from __future__ import annotations

from bot.domain.content import Content
from bot.domain.entries import Entry
from bot.domain.matcher import MatchResult
from bot.domain.models import Expert


def format_answer(result: MatchResult, content: Content) -> str:
    messages = content.messages
    if result.decision == "out_of_scope":
        return messages.say("out_of_scope")
    if result.decision == "clarify":
        options = [
            f"  {n}. {m.entry.title} ({m.entry.theme or messages.say('search_expert')})"
            for n, m in enumerate(result.options, 1)
        ]
        return "\n".join([messages.say("clarify_intro"), *options])
    entry = result.options[0].entry
    return "\n".join(_describe(entry, content))


def _describe(entry: Entry, content: Content) -> list[str]:
    messages = content.messages
    if entry.kind == "expert":
        expert = content.experts[entry.id]
        return [
            expert.name,
            "",
            expert.helps_with,
            f"{messages.say('expert_when')} {expert.when}",
            *_contact(expert, content),
        ]
    lines = [
        entry.title,
        messages.say("answer_theme_line", theme=entry.theme)
        if entry.kind == "checklist" and entry.theme
        else entry.theme or "",
        "",
    ]
    item = content.items.get(entry.id)
    if item:
        lines.append(item.explanation.strip())
        related = [f"  - {content.items[id_].question}" for id_ in item.related]
        if related:
            lines += ["", f"{messages.say('answer_related')}:", *related]
    else:
        lines += _framework_text(entry.id, content)
    lines += ["", f"{messages.say('answer_experts')}:"]
    for code in entry.experts:
        lines += _contact(content.experts[code], content)
    return lines


def _framework_text(id_: str, content: Content) -> list[str]:
    for framework in content.frameworks:
        if framework.id == id_:
            return [framework.summary.strip(), *(f"  - {s.title}" for s in framework.sections)]
        for section in framework.sections:
            if section.id == id_:
                return [section.summary.strip(), *(f"  - {q}" for q in section.questions)]
    return []


def _contact(expert: Expert, content: Content) -> list[str]:
    contact = expert.contact
    if contact.placeholder:
        return [f"  {expert.name}: {content.messages.say('expert_contact_placeholder')}"]
    details = [
        value for value in (contact.team, contact.email, contact.phone, contact.url) if value
    ]
    return [f"  {expert.name}: " + ", ".join(details)]
