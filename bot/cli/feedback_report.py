"""The feedback summary content authors read: `python -m bot feedback report`."""

from __future__ import annotations

from bot.domain.content import Content
from bot.store.feedback import FeedbackRepository


async def format_feedback(
    feedback: FeedbackRepository,
    content: Content,
    answered_tickets: list[tuple[str, str]] | None = None,
) -> str:
    """`answered_tickets`: (checklist item, question) of questions an expert team answered."""
    counts = await feedback.counts()
    lines = [
        "Feedback: " + ", ".join(f"{kind} {counts.get(kind, 0)}" for kind in _KINDS),
        "",
        "Per answer (most 'niet nuttig' first):",
    ]
    summary = await feedback.summary()
    lines += [
        f"  {row.entry_id:<18} nuttig {row.helpful:>4}  niet nuttig {row.not_helpful:>4}  "
        f"{_title(row.entry_id, content)}"
        for row in summary
    ] or ["  (none yet)"]
    lines += ["", "Questions the bot could not answer (add phrasings for these):"]
    unanswered = await feedback.unanswered()
    lines += [
        f"  {row.count:>4}x {row.kind:<10} last {row.last_seen:%Y-%m-%d}  "
        + (repr(row.question) if row.question else "(question text not stored)")
        for row in unanswered
    ] or ["  (none yet)"]
    if answered_tickets is not None:
        lines += [
            "",
            "Questions expert teams answered: candidate phrasings (add by hand, never automatic):",
        ]
        lines += [
            f"  {item_id:<18} {question!r}  ({_title(item_id, content)})"
            for item_id, question in sorted(answered_tickets)
        ] or ["  (none yet)"]
    return "\n".join(lines)


_KINDS = ("helpful", "not_helpful", "unanswered", "unclear")


def _title(entry_id: str, content: Content) -> str:
    item = content.items.get(entry_id)
    if item:
        return item.question
    expert = content.experts.get(entry_id)
    return expert.name if expert else ""
