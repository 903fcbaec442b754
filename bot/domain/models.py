"""Content models: the guide's themes, expert teams and frameworks, as validated data."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
ExpertCode = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z&]{1,9}$")]
MIN_PHRASINGS = 5


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Versioned(Strict):
    version: Literal[1]


class ChecklistItem(Strict):
    id: Identifier
    part: Text | None = None
    question: Text
    explanation: Text
    experts: list[ExpertCode] = Field(min_length=1)
    phrasings: list[Text] = Field(min_length=MIN_PHRASINGS)
    related: list[Identifier] = []


class Theme(Versioned):
    key: Identifier
    title: Text
    aliases: list[Text] = []
    why: Text
    source: Text
    items: list[ChecklistItem] = Field(min_length=1)


class Contact(Strict):
    placeholder: bool = False
    team: Text | None = None
    email: Text | None = None
    phone: Text | None = None
    url: Text | None = None


class Expert(Strict):
    code: ExpertCode
    name: Text
    helps_with: Text
    when: Text
    phrasings: list[Text] = []
    contact: Contact


class ExpertFile(Versioned):
    experts: list[Expert] = Field(min_length=1)


class ContactOverrides(Versioned):
    contacts: dict[ExpertCode, Contact]


class Section(Strict):
    id: Identifier
    group: Text | None = None
    title: Text
    summary: Text
    questions: list[Text] = []
    phrasings: list[Text] = []


class Framework(Versioned):
    id: Identifier
    title: Text
    summary: Text
    source: Text
    experts: list[ExpertCode] = Field(min_length=1)
    phrasings: list[Text] = []
    phases: list[Text] = []
    sections: list[Section] = Field(min_length=1)


class SynonymFile(Versioned):
    groups: list[list[Text]] = Field(min_length=1)


class OutOfScopeFile(Versioned):
    examples: list[Text] = Field(min_length=1)


class Messages(Strict):
    """The bot's fixed texts; every key is required so no text is ever missing."""

    answer_experts: Text
    answer_related: Text
    clarify_intro: Text
    out_of_scope: Text
    expert_contact_placeholder: Text


class MessageFile(Versioned):
    messages: Messages
