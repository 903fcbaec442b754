"""Content models: the guide's themes, expert teams and frameworks, as validated data."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
ExpertCode = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z&]{1,9}$")]
ChoiceKey = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(_[a-z0-9]+)*$")]  # geen_binding
Word = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+$")]  # one lowercase word: vertalen
MIN_PHRASINGS = 5


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Versioned(Strict):
    version: Literal[1]


AnswerCode = Literal["ja", "nee", "weet_niet", "nvt"]


class IntakeRule(Strict):
    """In an intake, these answers make the item an open point for these expert teams."""

    when: list[AnswerCode] = Field(min_length=1)
    involve: list[ExpertCode] = Field(min_length=1)
    why: Text


class ChecklistItem(Strict):
    id: Identifier
    part: Text | None = None
    question: Text
    explanation: Text
    experts: list[ExpertCode] = Field(min_length=1)
    phrasings: list[Text] = Field(min_length=MIN_PHRASINGS)
    related: list[Identifier] = []
    rules: list[IntakeRule] = []
    concepts: list[Identifier] = []  # thesaurus concepts the item is about, most telling first
    general: bool = False  # it matters for every partnership: an overview weighs it in always


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


class AgreementsRule(Strict):
    """The team for agreements, to involve when a text calls for at least `at_least` of the
    teams `when` names: what partners arrange about money, staff or data is laid down."""

    team: ExpertCode
    when: list[ExpertCode] = Field(min_length=1)
    at_least: int = Field(default=2, ge=1)


class ExpertFile(Versioned):
    experts: list[Expert] = Field(min_length=1)
    general: ExpertCode | None = None  # to involve when nothing calls for another team
    agreements: AgreementsRule | None = None


class ContactOverrides(Versioned):
    contacts: dict[ExpertCode, Contact]


# The bot's own tools, as a governance cycle section names the one that serves it.
Tool = Literal["register", "intakes", "reminders", "appraisal"]


class Section(Strict):
    id: Identifier
    group: Text | None = None
    title: Text
    summary: Text
    questions: list[Text] = []
    phrasings: list[Text] = []
    source: Text | None = None  # where in the source this section comes from
    settle: list[Text] = []  # phase model: what to settle before moving on to the next phase
    decision: Text | None = None  # phase model: the formal decision that ends this phase
    tool: Tool | None = None  # governance cycle: the bot's tool that serves this step
    wgr: Text | None = None  # roles: what this role does in a Wgr partnership (part A)
    network: Text | None = None  # roles: what it does in a network and other forms (part B)
    experts: list[ExpertCode] = []  # its teams, where they differ from the framework's


class Framework(Versioned):
    id: Identifier
    title: Text
    summary: Text
    source: Text
    experts: list[ExpertCode] = Field(min_length=1)
    phrasings: list[Text] = []
    phases: list[Text] = []
    sections: list[Section] = Field(min_length=1)

    def experts_of(self, section: Section | None) -> list[str]:
        """The teams of a section (the framework's own, unless the section names others)."""
        return (section.experts if section else []) or self.experts


PrinciplePart = Literal["A", "B"]


class FormOption(Strict):
    """A form of partnership (vorm) and the themes and principles it calls for."""

    key: ChoiceKey
    label: Text
    hint: Text | None = None
    themes: list[Identifier] = Field(min_length=1)
    principles: PrinciplePart
    key_principles: list[Identifier] = []  # section ids of the principles most at stake


class PhaseOption(Strict):
    key: ChoiceKey
    label: Text
    themes: list[Identifier] = []
    model: list[Identifier] = []  # the phase model's phases (sections of fasenmodel.yaml)
    checklist: list[Identifier] = []  # checklist items that matter most in this phase


class Regime(Strict):
    """The evaluation regime an importance level calls for: rhythm, kind of moment, advice."""

    cadence: ChoiceKey
    evaluation_kind: ChoiceKey
    advice: Text


class Flag(Strict):
    """A yes/no question when registering; 'yes' adds themes to look at."""

    key: ChoiceKey
    question: Text
    themes: list[Identifier] = Field(min_length=1)


class Cadence(Strict):
    key: ChoiceKey
    label: Text
    months: int | None = Field(default=None, ge=1, le=60)  # None: no fixed rhythm


class EvaluationKind(Strict):
    """A kind of evaluation moment: jaarlijkse lichte evaluatie, fase-evaluatie, ..."""

    key: ChoiceKey
    label: Text


class ImportanceLevel(Strict):
    """How important a partnership is for council and college (belang voor raad en college)."""

    key: ChoiceKey
    label: Text
    regime: Regime | None = None  # the evaluation regime to propose at this level


class RegisterFile(Versioned):
    """The choices of the partnership register: forms, phases, flags, evaluation rhythm and
    kinds of evaluation.

    The evaluation kinds have defaults only so registers built in code stay short; the content
    loader requires both keys in register.yaml.
    """

    forms: list[FormOption] = Field(min_length=1)
    phases: list[PhaseOption] = Field(min_length=1)
    flags: list[Flag] = []
    cadences: list[Cadence] = Field(min_length=1)
    default_cadence: ChoiceKey
    evaluation_kinds: list[EvaluationKind] = Field(default=[], min_length=1)
    default_evaluation_kind: ChoiceKey = "jaarlijks"
    importance_levels: list[ImportanceLevel] = []  # most important first; empty: not asked

    @property
    def evaluation_kind_labels(self) -> dict[str, str]:
        """Key -> Dutch label of every evaluation kind."""
        return {kind.key: kind.label for kind in self.evaluation_kinds}


class Concept(Strict):
    """A concept of the domain thesaurus: its words, and what it calls for in a situation."""

    key: Identifier
    words: list[Text] = Field(min_length=1)  # the first is the concept's own name
    experts: list[ExpertCode] = []  # teams a situation mentioning it should involve
    flags: list[ChoiceKey] = []  # register flags it sets
    form: ChoiceKey | None = None  # the register form its words name
    themes: list[Identifier] = []  # themes it touches
    asks: Literal["expert", "framework"] | None = None  # its words ask for a team, a model
    implies: list[Identifier] = []  # checklist items a described situation naming it raises
    setting: bool = False  # sets the scene (who takes part, where): raises no items of its own


class ThesaurusFile(Versioned):
    concepts: list[Concept] = Field(min_length=1)


class OutOfScopeExample(Strict):
    """An example the bot declines, with where to go instead."""

    q: Text
    refer: Text | None = None


class EverydayTopic(Strict):
    """A subject of everyday office life (one's salary, a room, a password): its words let
    the out-of-scope examples decline what they do not literally say."""

    key: Identifier
    words: list[Text] = Field(min_length=1)
    refer: Text | None = None  # where to go instead, when the closest example does not say
    strong: bool = False  # never the bot's, even about the partnership ("schrijf een mail")
    names: bool = False  # its words are first names: as written, never an abbreviation (HAN)


class TaskRequests(Strict):
    """Messages that ask the bot to do something (write, translate, plan, book, send) rather
    than ask a question: one that opens with a command ("schrijf een uitnodiging"), or asks
    politely for a request verb ("kun je deze mail vertalen")."""

    commands: list[Text] = []  # a sentence's opening words: "schrijf", "plan een"
    openers: list[Text] = []  # polite openings before a command or a verb: "kun je", "please"
    verbs: list[Word] = []  # after a polite opening, anywhere: "vertalen", "reserveren"
    own: list[Text] = []  # what the bot gives itself: "stuur me de vragen over privacy" asks it


class PeopleQuestions(Strict):
    """A short question about a colleague named by name ("Is Van den Heuvel vandaag op
    kantoor?"): a capitalised word the content does not know, with one of these words."""

    context: list[Text] = Field(min_length=1)  # "mailadres", "op kantoor", "op vakantie"
    refer: Text | None = None  # where to find a colleague's contact details


class OwnBusiness(Strict):
    """A question about the municipality's own business ("de risicoparagraaf van onze eigen
    begroting", "de schoonmaak van het stadhuis"): a marker, and no partner named."""

    markers: list[Text] = Field(min_length=1)  # "onze eigen", "het stadhuis", "ons team"
    partners: list[Identifier] = []  # thesaurus concepts that name a partner or partnership
    partner_words: list[Word] = []  # words that do: "samen", "gezamenlijk", "partnership"
    before_names: list[Word] = []  # a capitalised word after one names a partner: "met HZ"
    refer: Text | None = None  # where to go instead


class OutOfScopeFile(Versioned):
    examples: list[Text | OutOfScopeExample] = Field(min_length=1)
    topics: list[EverydayTopic] = []
    requests: TaskRequests | None = None
    people: PeopleQuestions | None = None
    own_business: OwnBusiness | None = None


class SmalltalkKind(Strict):
    """Messages that are no question: greetings, thanks, 'ok', yes/no out of a dialog."""

    kind: ChoiceKey
    phrases: list[Text] = Field(min_length=1)  # whole messages, or words that make one up


class SmalltalkFile(Versioned):
    kinds: list[SmalltalkKind] = Field(min_length=1)  # the first kind found wins
    fillers: list[Text] = []  # words that may go with a phrase ("hoor", "heel", "echt")
