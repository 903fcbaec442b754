"""Everything the matcher can answer with, flattened from content into searchable entries."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from bot.domain.content import Content

Kind = Literal["checklist", "framework", "expert", "out_of_scope"]

# How much a field counts when it matches. Phrasings and the question itself say what an
# entry is about; explanations and theme names only hint at it.
MAIN = 1.0
DETAIL = 0.4
CONTEXT = 0.25
CONCEPT = 0.5  # a thesaurus concept the item is about: every word of it finds the item


@dataclass(frozen=True)
class Field:
    text: str
    weight: float
    is_phrasing: bool = False


@dataclass(frozen=True)
class Entry:
    id: str
    kind: Kind
    title: str
    theme: str | None
    experts: tuple[str, ...]
    fields: tuple[Field, ...]
    concepts: tuple[str, ...] = ()


OUT_OF_SCOPE_ID = "out-of-scope"


def build_entries(content: Content) -> Iterator[Entry]:
    for theme in content.themes:
        theme_fields = [Field(text, CONTEXT) for text in (theme.title, *theme.aliases)]
        for item in theme.items:
            yield Entry(
                id=item.id,
                kind="checklist",
                title=item.question,
                theme=theme.title,
                experts=tuple(item.experts),
                fields=(
                    Field(item.question, MAIN, is_phrasing=True),
                    *(Field(text, MAIN, is_phrasing=True) for text in item.phrasings),
                    Field(item.explanation, DETAIL),
                    *([Field(item.part, CONTEXT)] if item.part else []),
                    *theme_fields,
                    *(
                        Field(content.concepts[key].words[0], CONCEPT, is_phrasing=True)
                        for key in item.concepts
                    ),
                ),
                concepts=tuple(item.concepts),
            )
    for framework in content.frameworks:
        yield Entry(
            id=framework.id,
            kind="framework",
            title=framework.title,
            theme=framework.title,
            experts=tuple(framework.experts),
            fields=(
                Field(framework.title, MAIN, is_phrasing=True),
                *(Field(text, MAIN, is_phrasing=True) for text in framework.phrasings),
                Field(framework.summary, DETAIL),
            ),
        )
        for section in framework.sections:
            yield Entry(
                id=section.id,
                kind="framework",
                title=section.title,
                theme=framework.title,
                experts=tuple(framework.experts_of(section)),
                fields=(
                    Field(section.title, MAIN, is_phrasing=True),
                    *(Field(text, MAIN, is_phrasing=True) for text in section.phrasings),
                    Field(section.summary, DETAIL),
                    *(Field(text, DETAIL, is_phrasing=True) for text in section.questions),
                    *(Field(text, DETAIL) for text in section.settle),  # what ends a phase
                    *([Field(section.decision, DETAIL)] if section.decision else []),
                    *([Field(section.group, CONTEXT)] if section.group else []),
                    Field(framework.title, CONTEXT),
                ),
            )
    for expert in content.experts.values():
        yield Entry(
            id=expert.code,
            kind="expert",
            title=expert.name,
            theme=None,
            experts=(expert.code,),
            fields=(
                Field(expert.code, MAIN, is_phrasing=True),
                Field(expert.name, MAIN, is_phrasing=True),
                *(Field(text, MAIN, is_phrasing=True) for text in expert.phrasings),
                Field(expert.helps_with, CONTEXT),
            ),
        )
    yield Entry(
        id=OUT_OF_SCOPE_ID,
        kind="out_of_scope",
        title="",
        theme=None,
        experts=(),
        fields=tuple(Field(text, MAIN, is_phrasing=True) for text in content.out_of_scope),
    )
