"""Loads the content folder, validates it and cross-checks its references."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from bot.domain.appraisal_content import AppraisalFile, check_appraisal
from bot.domain.dutch import light_stem, normalize, words
from bot.domain.messages import Messages, parse_messages
from bot.domain.models import (
    AgreementsRule,
    Cadence,
    ChecklistItem,
    Concept,
    ContactOverrides,
    EvaluationKind,
    EverydayTopic,
    Expert,
    ExpertFile,
    Flag,
    FormOption,
    Framework,
    ImportanceLevel,
    OutOfScopeExample,
    OutOfScopeFile,
    OwnBusiness,
    PeopleQuestions,
    PhaseOption,
    RegisterFile,
    SmalltalkFile,
    SmalltalkKind,
    TaskRequests,
    Theme,
    ThesaurusFile,
)
from bot.domain.yaml_source import Location, YamlDocument, YamlSyntaxError, read_yaml

CONTACTS_ENV = "SAMENWERKWIJZER_CONTACTS"
PHASE_MODEL = "fasenmodel"  # the framework whose sections are the phases of the phase model
GOVERNANCE_CYCLE = "governancecyclus"
CYCLE_GROUP = "Cyclus"  # its sections in this group each name the bot's tool that serves them
ROLES = "rollen"  # who does what: every section says it for a Wgr partnership and a network
APPRAISAL_FILE = "appraisal.yaml"
DEFAULT_ROOT = Path(__file__).resolve().parents[2] / "content"
Model = TypeVar("Model", bound=BaseModel)


@dataclass(frozen=True)
class ContentIssue:
    path: str
    line: int
    entry: str
    message: str

    def __str__(self) -> str:
        where = f"{self.entry}: " if self.entry else ""
        return f"{self.path}:{self.line}: {where}{self.message}"


class ContentError(Exception):
    def __init__(self, issues: list[ContentIssue]) -> None:
        super().__init__("\n".join(str(issue) for issue in issues))
        self.issues = issues


@dataclass(frozen=True)
class Content:
    themes: tuple[Theme, ...]
    experts: dict[str, Expert]
    frameworks: tuple[Framework, ...]
    thesaurus: tuple[Concept, ...]
    out_of_scope: tuple[str, ...]
    messages: Messages
    register: RegisterFile
    smalltalk: tuple[SmalltalkKind, ...] = ()
    smalltalk_fillers: tuple[str, ...] = ()
    referrals: tuple[str | None, ...] = ()  # per out-of-scope example: where to go instead
    everyday: tuple[EverydayTopic, ...] = ()  # subjects of office life, not of the domain
    requests: TaskRequests | None = None  # asking the bot to do something, not a question
    people: PeopleQuestions | None = None  # asking about a colleague named by name
    own_business: OwnBusiness | None = None  # about the municipality's own business
    appraisal: AppraisalFile | None = None  # content/appraisal.yaml; optional
    general_team: str | None = None  # experts.yaml `general`: when nothing calls for another
    agreements: AgreementsRule | None = None  # experts.yaml `agreements`
    items: dict[str, ChecklistItem] = field(init=False)
    theme_of_item: dict[str, Theme] = field(init=False)
    concepts: dict[str, Concept] = field(init=False)

    def __post_init__(self) -> None:
        items = {item.id: item for theme in self.themes for item in theme.items}
        themes = {item.id: theme for theme in self.themes for item in theme.items}
        object.__setattr__(self, "items", items)
        object.__setattr__(self, "theme_of_item", themes)
        object.__setattr__(self, "concepts", {concept.key: concept for concept in self.thesaurus})

    @property
    def synonyms(self) -> tuple[tuple[str, ...], ...]:
        """The thesaurus as groups of words, the concept's own name first."""
        return tuple(tuple(concept.words) for concept in self.thesaurus)


def load_content(root: Path = DEFAULT_ROOT, contacts: Path | None = None) -> Content:
    """Load and check all content; raise ContentError listing every problem found."""
    if contacts is None and os.environ.get(CONTACTS_ENV):
        contacts = Path(os.environ[CONTACTS_ENV])
    reader = _Reader(root)
    themes = reader.each(sorted((root / "themes").glob("*.yaml")), Theme, "themes/*.yaml")
    experts = reader.one(root / "experts.yaml", ExpertFile)
    frameworks = reader.each(
        sorted((root / "frameworks").glob("*.yaml")), Framework, "frameworks/*.yaml"
    )
    thesaurus = reader.one(root / "thesaurus.yaml", ThesaurusFile)
    out_of_scope = reader.one(root / "out_of_scope.yaml", OutOfScopeFile)
    smalltalk = reader.one(root / "smalltalk.yaml", SmalltalkFile)
    messages = _read_messages(reader, root / "messages.yaml")
    register = reader.one(root / "register.yaml", RegisterFile)
    overrides = reader.one(contacts, ContactOverrides) if contacts else None
    appraisal_path = root / APPRAISAL_FILE
    appraisal = reader.one(appraisal_path, AppraisalFile) if appraisal_path.is_file() else None
    loaded = (experts, thesaurus, out_of_scope, smalltalk, messages, register)
    if reader.issues or not all(loaded):
        raise ContentError(reader.issues)
    assert experts and thesaurus and out_of_scope and smalltalk and messages and register
    checker = _CrossChecker(reader)
    checker.check(themes, experts, frameworks, overrides)
    owners = checker.check_thesaurus(thesaurus, themes, experts, register[1])
    concepts = {concept.key for concept in thesaurus[1].concepts}
    checker.check_everyday(out_of_scope, owners, concepts)
    checker.check_register(register, themes, frameworks)
    checker.check_framework_fields(frameworks)
    checker.check_phases(register, themes, frameworks)
    if appraisal:
        checker.check_appraisal(appraisal, themes, experts, frameworks, register)
    if reader.issues:
        raise ContentError(reader.issues)
    experts_by_code = {expert.code: expert for _, expert in _located_experts(experts)}
    if overrides:
        experts_by_code = _apply_overrides(experts_by_code, overrides[1])
    return Content(
        themes=tuple(theme for _, theme in themes),
        experts=experts_by_code,
        frameworks=tuple(framework for _, framework in frameworks),
        thesaurus=tuple(thesaurus[1].concepts),
        out_of_scope=tuple(_example_text(example) for example in out_of_scope[1].examples),
        messages=messages,
        register=register[1],
        smalltalk=tuple(smalltalk[1].kinds),
        smalltalk_fillers=tuple(smalltalk[1].fillers),
        referrals=tuple(
            example.refer if isinstance(example, OutOfScopeExample) else None
            for example in out_of_scope[1].examples
        ),
        everyday=tuple(out_of_scope[1].topics),
        requests=out_of_scope[1].requests,
        people=out_of_scope[1].people,
        own_business=out_of_scope[1].own_business,
        appraisal=appraisal[1] if appraisal else None,
        general_team=experts[1].general,
        agreements=experts[1].agreements,
    )


def _example_text(example: str | OutOfScopeExample) -> str:
    return example.q if isinstance(example, OutOfScopeExample) else example


def _read_messages(reader: _Reader, path: Path) -> Messages | None:
    """messages.yaml has its own reader (bot.domain.messages); problems read as the rest."""
    doc = reader.document(path)
    if doc is None:
        return None
    messages, problems = parse_messages(doc.data)
    for problem in problems:
        line = doc.line_of(problem.location)
        reader.issues.append(
            ContentIssue(reader.display(doc.path), line, problem.entry, problem.message)
        )
    return messages


def _apply_overrides(experts: dict[str, Expert], overrides: ContactOverrides) -> dict[str, Expert]:
    """An organisation's contact replaces the shipped placeholder; only the team name stays."""
    merged = dict(experts)
    for code, contact in overrides.contacts.items():
        shipped = experts[code].contact
        own = contact.model_copy(
            update={"placeholder": False, "team": contact.team or shipped.team}
        )
        merged[code] = experts[code].model_copy(update={"contact": own})
    return merged


def _located_experts(experts: tuple[YamlDocument, ExpertFile]) -> Iterator[tuple[Location, Expert]]:
    for index, expert in enumerate(experts[1].experts):
        yield ("experts", index), expert


class _Reader:
    """Reads files into models and collects issues with file and line."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.issues: list[ContentIssue] = []

    def display(self, path: Path) -> str:
        try:
            return str(path.resolve().relative_to(self.root.resolve().parent))
        except ValueError:
            return str(path)

    def report(
        self, doc: YamlDocument, location: Location, message: str, line_at: Location = ()
    ) -> None:
        line = doc.line_of(line_at or location)
        label = _entry_label(doc.data, location)
        self.issues.append(ContentIssue(self.display(doc.path), line, label, message))

    def document(self, path: Path) -> YamlDocument | None:
        if not path.is_file():
            self.issues.append(ContentIssue(self.display(path), 1, "", "file is missing"))
            return None
        try:
            return read_yaml(path)
        except YamlSyntaxError as error:
            self.issues.append(ContentIssue(self.display(path), error.line, "", error.message))
            return None

    def one(self, path: Path, model: type[Model]) -> tuple[YamlDocument, Model] | None:
        doc = self.document(path)
        if doc is None:
            return None
        try:
            return doc, model.model_validate(doc.data)
        except ValidationError as error:
            for detail in error.errors():
                self.report(doc, tuple(detail["loc"]), _describe(detail))
            return None

    def each(
        self, paths: Iterable[Path], model: type[Model], pattern: str
    ) -> list[tuple[YamlDocument, Model]]:
        paths = list(paths)
        if not paths:
            self.issues.append(ContentIssue(self.display(self.root / pattern), 1, "", "no files"))
        loaded = (self.one(path, model) for path in paths)
        return [result for result in loaded if result is not None]


def _describe(detail: Any) -> str:
    if detail["type"] == "extra_forbidden":
        return "unknown key"
    if detail["type"] == "missing":
        return "is required"
    return str(detail["msg"])


def _entry_label(data: Any, location: Location) -> str:
    """'jur-3.experts' for ('items', 2, 'experts'): the nearest named entry, then the path."""
    label: list[str] = []
    node = data
    for step in location:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            label.append(str(step))
            node = None
            continue
        name = _entry_name(node) if isinstance(step, int) else None
        if name:
            label = [name]
        else:
            label.append(f"[{step}]" if isinstance(step, int) else str(step))
    return ".".join(label).replace(".[", "[")


def _entry_name(node: Any) -> str | None:
    if isinstance(node, dict):
        for key in ("id", "code", "key", "kind"):
            if isinstance(node.get(key), str):
                return str(node[key])
    return None


class _CrossChecker:
    """Checks that ids are unique and that every reference points at something real."""

    def __init__(self, reader: _Reader) -> None:
        self.reader = reader

    def check(
        self,
        themes: list[tuple[YamlDocument, Theme]],
        experts: tuple[YamlDocument, ExpertFile],
        frameworks: list[tuple[YamlDocument, Framework]],
        overrides: tuple[YamlDocument, ContactOverrides] | None,
    ) -> None:
        codes = self._unique(
            (experts[0], location, expert.code) for location, expert in _located_experts(experts)
        )
        self._unique((doc, ("key",), theme.key) for doc, theme in themes)
        item_ids = self._unique(
            (doc, ("items", index, "id"), item.id)
            for doc, theme in themes
            for index, item in enumerate(theme.items)
        )
        self._unique(
            [(doc, ("id",), framework.id) for doc, framework in frameworks]
            + [
                (doc, ("sections", index, "id"), section.id)
                for doc, framework in frameworks
                for index, section in enumerate(framework.sections)
            ],
            taken=item_ids,
        )
        for doc, theme in themes:
            for index, item in enumerate(theme.items):
                where = ("items", index)
                self._known(doc, (*where, "experts"), item.experts, codes, "expert")
                self._known(doc, (*where, "related"), item.related, item_ids, "checklist item")
                if item.id in item.related:
                    self.reader.report(doc, (*where, "related"), "an item cannot relate to itself")
                self._no_repeats(
                    doc,
                    [
                        ((*where, "phrasings", n), text.lower())
                        for n, text in enumerate(item.phrasings)
                    ],
                    "phrasing",
                )
                self._rules(doc, where, item, codes)
        for doc, framework in frameworks:
            self._known(doc, ("experts",), framework.experts, codes, "expert")
            for index, section in enumerate(framework.sections):
                path = ("sections", index, "experts")
                self._known(doc, path, section.experts, codes, "expert")
        general = experts[1].general
        if general is not None and general not in codes:
            self.reader.report(experts[0], ("general",), f"unknown expert '{general}'")
        agreements = experts[1].agreements
        if agreements is not None:
            if agreements.team not in codes:
                message = f"unknown expert '{agreements.team}'"
                self.reader.report(experts[0], ("agreements", "team"), message)
            self._known(experts[0], ("agreements", "when"), agreements.when, codes, "expert")
        if overrides:
            doc, model = overrides
            for code in model.contacts:
                if code not in codes:
                    self.reader.report(doc, ("contacts", code), f"unknown expert '{code}'")

    def check_thesaurus(
        self,
        thesaurus: tuple[YamlDocument, ThesaurusFile],
        themes: list[tuple[YamlDocument, Theme]],
        experts: tuple[YamlDocument, ExpertFile],
        register: RegisterFile,
    ) -> dict[tuple[str, ...], str]:
        """Concept keys are unique; a word belongs to one concept (also once stemmed); its
        teams, flags, form and themes exist; items refer to real concepts. Returns the
        concept of each word (as stems)."""
        doc, model = thesaurus
        keys = self._unique(
            (
                (doc, ("concepts", index, "key"), concept.key)
                for index, concept in enumerate(model.concepts)
            ),
            kind="concept",
        )
        codes = {expert.code for expert in experts[1].experts}
        flags = {flag.key for flag in register.flags}
        forms = {form.key for form in register.forms}
        theme_keys = {theme.key for _, theme in themes}
        owner: dict[tuple[str, ...], str] = {}
        for index, concept in enumerate(model.concepts):
            where: Location = ("concepts", index)
            self._known(doc, (*where, "experts"), concept.experts, codes, "expert")
            self._known(doc, (*where, "flags"), concept.flags, flags, "flag")
            self._known(doc, (*where, "themes"), concept.themes, theme_keys, "theme")
            if concept.form is not None and concept.form not in forms:
                self.reader.report(doc, (*where, "form"), f"unknown form '{concept.form}'")
            self._own_words(doc, where, concept.key, concept.words, owner)
        items = {item.id for _, theme in themes for item in theme.items}
        for index, concept in enumerate(model.concepts):
            at = ("concepts", index, "implies")
            self._known(doc, at, concept.implies, items, "checklist item")
        for theme_doc, theme in themes:
            for index, item in enumerate(theme.items):
                at = ("items", index, "concepts")
                self._known(theme_doc, at, item.concepts, keys, "concept")
                self._no_repeats(theme_doc, [(at, key) for key in item.concepts], "concept")
        return owner

    def check_everyday(
        self,
        out_of_scope: tuple[YamlDocument, OutOfScopeFile],
        owner: dict[tuple[str, ...], str],
        concepts: set[str],
    ) -> None:
        """Everyday topics have unique keys, and no word of theirs is a domain concept's; the
        partners of the own business are concepts."""
        doc, model = out_of_scope
        self._unique(
            ((doc, ("topics", n, "key"), topic.key) for n, topic in enumerate(model.topics)),
            kind="topic",
        )
        for index, topic in enumerate(model.topics):
            self._own_words(doc, ("topics", index), f"everyday:{topic.key}", topic.words, owner)
        if model.own_business:
            where = ("own_business", "partners")
            self._known(doc, where, model.own_business.partners, concepts, "concept")

    def _own_words(
        self,
        doc: YamlDocument,
        where: Location,
        key: str,
        texts: Sequence[str],
        owner: dict[tuple[str, ...], str],
    ) -> None:
        """Each word (as stems) belongs to one concept or topic, once."""
        seen: set[str] = set()
        for n, word in enumerate(texts):
            stems = tuple(light_stem(token) for token in words(word))
            at = (*where, "words", n)
            other = owner.get(stems)
            if not stems:
                self.reader.report(doc, (*where, "words"), f"'{word}' has no letters", at)
            elif normalize(word) in seen and other == key:
                self.reader.report(doc, (*where, "words"), f"duplicate word '{word}'", at)
            elif other is not None and other != key:
                message = f"word '{word}' is also in concept '{other}'"
                self.reader.report(doc, (*where, "words"), message, at)
            owner.setdefault(stems, key)
            seen.add(normalize(word))

    def _rules(
        self, doc: YamlDocument, where: Location, item: ChecklistItem, codes: set[str]
    ) -> None:
        """Every item has a rule; each answer leads to at most one rule; teams exist."""
        if not item.rules:
            self.reader.report(doc, (*where, "rules"), "needs at least one rule")
        ruled: set[str] = set()
        for index, rule in enumerate(item.rules):
            at = (*where, "rules", index)
            self._known(doc, (*at, "involve"), rule.involve, codes, "expert")
            self._no_repeats(doc, [((*at, "involve"), code) for code in rule.involve], "expert")
            self._no_repeats(doc, [((*at, "when"), answer) for answer in rule.when], "answer")
            for n, answer in enumerate(rule.when):
                if answer in ruled and answer not in rule.when[:n]:  # repeats reported above
                    message = f"answer '{answer}' in two rules"
                    self.reader.report(doc, (*at, "when"), message, line_at=(*at, "when", n))
            ruled.update(rule.when)

    def check_register(
        self,
        register: tuple[YamlDocument, RegisterFile],
        themes: list[tuple[YamlDocument, Theme]],
        frameworks: list[tuple[YamlDocument, Framework]],
    ) -> None:
        """Keys are unique per list, themes and principles exist, the default cadence and the
        default evaluation kind too."""
        doc, model = register
        theme_keys = {theme.key for _, theme in themes}
        principles = {
            section.id
            for _, framework in frameworks
            for section in framework.sections
            if section.id.startswith("principe-")
        }
        choices: dict[
            str,
            Sequence[FormOption | PhaseOption | Flag | Cadence | EvaluationKind | ImportanceLevel],
        ] = {
            "forms": model.forms,
            "phases": model.phases,
            "flags": model.flags,
            "cadences": model.cadences,
            "evaluation_kinds": model.evaluation_kinds,
            "importance_levels": model.importance_levels,
        }
        for name, options in choices.items():
            self._unique(
                ((doc, (name, index, "key"), option.key) for index, option in enumerate(options)),
                kind="key",
            )
            for index, option in enumerate(options):
                if isinstance(option, FormOption | PhaseOption | Flag):
                    where = (name, index, "themes")
                    self._known(doc, where, option.themes, theme_keys, "theme")
                    self._no_repeats(doc, [(where, key) for key in option.themes], "theme")
        for index, form in enumerate(model.forms):
            where = ("forms", index, "key_principles")
            self._known(doc, where, form.key_principles, principles, "principle")
            part = f"principe-{form.principles.lower()}"
            for n, principle in enumerate(form.key_principles):
                if principle in principles and not principle.startswith(part):
                    message = f"principle '{principle}' is not in part {form.principles}"
                    self.reader.report(doc, where, message, line_at=(*where, n))
        if model.default_cadence not in {cadence.key for cadence in model.cadences}:
            message = f"unknown cadence '{model.default_cadence}'"
            self.reader.report(doc, ("default_cadence",), message)
        self._evaluation_kinds(doc, model)

    def check_framework_fields(self, frameworks: list[tuple[YamlDocument, Framework]]) -> None:
        """The fields of one framework only there: what to settle and the decision in the
        phase model, the tool in the governance cycle's steps (each one has one), what a role
        does in a Wgr partnership and in a network (every role says both)."""
        allowed = {
            "settle": PHASE_MODEL,
            "decision": PHASE_MODEL,
            "tool": GOVERNANCE_CYCLE,
            "wgr": ROLES,
            "network": ROLES,
        }
        for doc, framework in frameworks:
            for index, section in enumerate(framework.sections):
                where: Location = ("sections", index)
                for name, owner in allowed.items():
                    if name in section.model_fields_set and framework.id != owner:
                        message = f"'{name}' belongs in frameworks/{owner}.yaml only"
                        self.reader.report(doc, (*where, name), message)
                needs: list[str] = []
                if framework.id == GOVERNANCE_CYCLE and section.group == CYCLE_GROUP:
                    needs = ["tool"]
                elif framework.id == ROLES:
                    needs = ["wgr", "network"]
                for name in needs:
                    if getattr(section, name) is None:
                        self.reader.report(doc, where, f"needs '{name}'")

    def check_phases(
        self,
        register: tuple[YamlDocument, RegisterFile],
        themes: list[tuple[YamlDocument, Theme]],
        frameworks: list[tuple[YamlDocument, Framework]],
    ) -> None:
        """The register phases name phases of the phase model (optional), in its order,
        together all of them; checklist items exist; an importance level's regime names a
        real cadence and kind of evaluation."""
        doc, model = register
        items = {item.id for _, theme in themes for item in theme.items}
        phase_model = next((f for _, f in frameworks if f.id == PHASE_MODEL), None)
        order = [section.id for section in phase_model.sections] if phase_model else []
        covered: set[str] = set()
        last = -1
        for index, phase in enumerate(model.phases):
            where: Location = ("phases", index)
            self._known(doc, (*where, "checklist"), phase.checklist, items, "checklist item")
            if phase_model is None:
                continue
            self._known(doc, (*where, "model"), phase.model, set(order), "phase of the model")
            for n, section_id in enumerate(phase.model):
                if section_id not in order:
                    continue
                position = order.index(section_id)
                if position < last:
                    message = f"'{section_id}' comes before the previous phase's model phases"
                    at = (*where, "model", n)
                    self.reader.report(doc, (*where, "model"), message, line_at=at)
                last = max(last, position)
                covered.add(section_id)
        missing = [section_id for section_id in order if section_id not in covered]
        if phase_model is not None and covered and missing:
            message = f"no phase maps to {', '.join(missing)}"
            self.reader.report(doc, ("phases",), message)
        cadences = {cadence.key for cadence in model.cadences}
        kinds = {kind.key for kind in model.evaluation_kinds}
        for index, level in enumerate(model.importance_levels):
            if level.regime is None:
                continue
            where = ("importance_levels", index, "regime")
            if level.regime.cadence not in cadences:
                message = f"unknown cadence '{level.regime.cadence}'"
                self.reader.report(doc, (*where, "cadence"), message)
            if level.regime.evaluation_kind not in kinds:
                message = f"unknown evaluation kind '{level.regime.evaluation_kind}'"
                self.reader.report(doc, (*where, "evaluation_kind"), message)

    def check_appraisal(
        self,
        appraisal: tuple[YamlDocument, AppraisalFile],
        themes: list[tuple[YamlDocument, Theme]],
        experts: tuple[YamlDocument, ExpertFile],
        frameworks: list[tuple[YamlDocument, Framework]],
        register: tuple[YamlDocument, RegisterFile],
    ) -> None:
        """The appraisal's cells, sources, checklist ids, themes, teams and phases exist."""
        doc, model = appraisal
        issues = check_appraisal(
            model,
            frameworks={f.id: {s.id for s in f.sections} for _, f in frameworks},
            items={item.id for _, theme in themes for item in theme.items},
            themes={theme.key for _, theme in themes},
            experts={expert.code for _, expert in _located_experts(experts)},
            phases={phase.key for phase in register[1].phases},
        )
        for location, message in issues:
            self.reader.report(doc, location, message)

    def _evaluation_kinds(self, doc: YamlDocument, model: RegisterFile) -> None:
        """Both keys are required in the file (the model has defaults for code); the default
        kind is one of the kinds."""
        missing = [
            name
            for name in ("evaluation_kinds", "default_evaluation_kind")
            if name not in model.model_fields_set
        ]
        for name in missing:
            self.reader.report(doc, (name,), "is required")
        kinds = {kind.key for kind in model.evaluation_kinds}
        if not missing and model.default_evaluation_kind not in kinds:
            message = f"unknown evaluation kind '{model.default_evaluation_kind}'"
            self.reader.report(doc, ("default_evaluation_kind",), message)

    def _unique(
        self,
        entries: Iterable[tuple[YamlDocument, Location, str]],
        taken: set[str] | None = None,
        kind: str = "id",
    ) -> set[str]:
        seen: set[str] = set()
        for doc, location, value in entries:
            if value in seen or (taken is not None and value in taken):
                self.reader.report(doc, location, f"duplicate {kind} '{value}'")
            seen.add(value)
        return seen

    def _known(
        self, doc: YamlDocument, where: Location, values: list[str], known: set[str], kind: str
    ) -> None:
        for index, value in enumerate(values):
            if value not in known:
                message = f"unknown {kind} '{value}'"
                self.reader.report(doc, where, message, line_at=(*where, index))

    def _no_repeats(
        self, doc: YamlDocument, located: list[tuple[Location, str]], kind: str
    ) -> None:
        seen: set[str] = set()
        for location, value in located:
            if value in seen:
                self.reader.report(doc, location, f"duplicate {kind} '{value}'")
            seen.add(value)
