"""Every sentence the bot says, from content/messages.yaml: keyed, with declared placeholders.

The file has three sections:

```yaml
version: 1
months: [januari, februari, ...]          # Dutch month names, for dates in texts
messages:
  thanks: "Graag gedaan!"                 # no placeholders: a plain string
  error:                                  # placeholders: declared, and only those used
    text: "Sorry, ... Noem code {reference} als je het meldt."
    placeholders: [reference]
  partnerships_more:                      # singular and plural: `count` is the number
    one: "En nog 1 samenwerking."
    other: "En nog {count} samenwerkingen."
    placeholders: [count]
labels:                                   # button titles, at most 30 characters
  help: "Help"
```

`say(key, **values)` and `count(key, n, **values)` raise MessageError on an unknown key or
when the values do not match the declared placeholders, so a mistake in code fails its tests.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.domain.yaml_source import Location

LABEL_LIMIT = 30
COUNT = "count"
SECTIONS = ("version", "months", "messages", "labels")
_KEY = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
_PLACEHOLDER = re.compile(r"^[a-z][a-z0-9_]*$")
_FORMATTER = string.Formatter()


class MessageError(KeyError):
    """A message asked for with an unknown key or the wrong values: a mistake in code."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Message:
    """One text, or a singular and a plural form; `placeholders` are the declared names."""

    key: str
    placeholders: frozenset[str]
    text: str | None = None
    one: str | None = None
    other: str | None = None

    @property
    def plural(self) -> bool:
        return self.other is not None

    def forms(self) -> Iterator[str]:
        for form in (self.text, self.one, self.other):
            if form is not None:
                yield form


@dataclass(frozen=True)
class Problem:
    """A problem in the file: where (for the line number), the entry's name, what."""

    location: Location
    entry: str
    message: str


class Messages:
    """The texts of messages.yaml; build with `parse_messages`."""

    def __init__(
        self, messages: Mapping[str, Message], labels: Mapping[str, Message], months: list[str]
    ) -> None:
        self._messages = dict(messages)
        self._labels = dict(labels)
        self._months = list(months)

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(self._messages)

    @property
    def label_keys(self) -> frozenset[str]:
        return frozenset(self._labels)

    def message(self, key: str) -> Message:
        try:
            return self._messages[key]
        except KeyError:
            raise MessageError(f"unknown message '{key}'") from None

    def say(self, key: str, **values: Any) -> str:
        """The text of `key` with its placeholders filled in."""
        message = self.message(key)
        if message.plural:
            raise MessageError(f"message '{key}' has plural forms: use count()")
        assert message.text is not None
        return _fill(message, message.text, values)

    def count(self, key: str, n: int, **values: Any) -> str:
        """The singular (n == 1) or plural form of `key`; `n` fills the placeholder count."""
        message = self.message(key)
        if not message.plural:
            raise MessageError(f"message '{key}' has no plural forms: use say()")
        form = message.one if n == 1 else message.other
        assert form is not None
        return _fill(message, form, {**values, COUNT: n})

    def label_placeholders(self, key: str) -> frozenset[str]:
        if key not in self._labels:
            raise MessageError(f"unknown label '{key}'")
        return self._labels[key].placeholders

    def label(self, key: str, **values: Any) -> str:
        """A button title; read it through bot.cards.labels."""
        try:
            message = self._labels[key]
        except KeyError:
            raise MessageError(f"unknown label '{key}'") from None
        assert message.text is not None
        return _fill(message, message.text, values)

    def date(self, value: date) -> str:
        """date(2027, 11, 23) -> '23 november 2027'."""
        return f"{value.day} {self._months[value.month - 1]} {value.year}"

    def listing(self, parts: list[str]) -> str:
        """['a', 'b', 'c'] -> 'a, b en c' (the last join is the message list_last)."""
        if len(parts) < 2:
            return "".join(parts)
        return self.say("list_last", first=", ".join(parts[:-1]), last=parts[-1])


def _fill(message: Message, form: str, values: Mapping[str, Any]) -> str:
    given = set(values)
    if given != message.placeholders:
        missing = sorted(message.placeholders - given)
        extra = sorted(given - message.placeholders)
        raise MessageError(
            f"message '{message.key}': missing values {missing}, unexpected values {extra}"
        )
    return form.format_map({name: str(value) for name, value in values.items()})


# --- reading the file -----------------------------------------------------------------------


def parse_messages(data: Any) -> tuple[Messages | None, list[Problem]]:
    """The Messages of the parsed file, or None with every problem found."""
    problems: list[Problem] = []
    if not isinstance(data, dict):
        return None, [Problem((), "", "must be a mapping with version, messages and labels")]
    for name in data:
        if name not in SECTIONS:
            problems.append(Problem((str(name),), str(name), "unknown key"))
    if data.get("version") != 1:
        problems.append(Problem(("version",), "version", "must be 1"))
    months = data.get("months")
    if not (
        isinstance(months, list)
        and len(months) == 12
        and all(isinstance(m, str) and m.strip() for m in months)
    ):
        problems.append(Problem(("months",), "months", "must list the 12 month names"))
        months = []
    messages = _section(data, "messages", problems, labels=False)
    labels = _section(data, "labels", problems, labels=True)
    if problems:
        return None, problems
    return Messages(messages, labels, [m.strip() for m in months]), []


def _section(
    data: dict[str, Any], section: str, problems: list[Problem], *, labels: bool
) -> dict[str, Message]:
    entries = data.get(section)
    if not isinstance(entries, dict) or not entries:
        problems.append(Problem((section,), section, "is required: a mapping of keys to texts"))
        return {}
    result: dict[str, Message] = {}
    for key, value in entries.items():
        entry = f"labels.{key}" if labels else str(key)
        where: Location = (section, str(key))
        found: list[Problem] = []
        if not isinstance(key, str) or not _KEY.match(key):
            found.append(Problem(where, entry, "key must be lower case words joined by _"))
        message = _message(str(key), value, where, entry, found, labels=labels)
        problems += found
        if message is not None and not found:
            result[str(key)] = message
    return result


def _message(
    key: str, value: Any, where: Location, entry: str, found: list[Problem], *, labels: bool
) -> Message | None:
    if isinstance(value, str):
        value = {"text": value}
    if not isinstance(value, dict):
        found.append(Problem(where, entry, "must be a text, or a mapping with text"))
        return None
    allowed = {"text", "placeholders"} if labels else {"text", "one", "other", "placeholders"}
    for name in value:
        if name not in allowed:
            found.append(Problem((*where, str(name)), entry, f"unknown key '{name}'"))
    forms = {name: value[name] for name in ("text", "one", "other") if name in value}
    if "text" in forms and len(forms) > 1:
        found.append(Problem(where, entry, "has either text, or one and other"))
    elif "text" not in forms and set(forms) != {"one", "other"}:
        found.append(Problem(where, entry, "needs text, or both one and other"))
    for name, form in forms.items():
        if not isinstance(form, str) or not form.strip():
            found.append(Problem((*where, name), entry, f"{name} must be a non-empty text"))
    placeholders = value.get("placeholders", [])
    if not isinstance(placeholders, list) or not all(
        isinstance(p, str) and _PLACEHOLDER.match(p) for p in placeholders
    ):
        found.append(
            Problem((*where, "placeholders"), entry, "placeholders must be a list of names")
        )
        placeholders = []
    elif len(set(placeholders)) != len(placeholders):
        found.append(Problem((*where, "placeholders"), entry, "a placeholder is listed twice"))
    declared = frozenset(placeholders)
    if "other" in forms and COUNT not in declared:
        found.append(
            Problem((*where, "placeholders"), entry, f"plural forms need the placeholder {COUNT}")
        )
    if found:
        return None
    texts = {name: form.strip() for name, form in forms.items()}
    used: set[str] = set()
    for name, form in texts.items():
        names = _used_names(form, (*where, name), entry, found)
        for unknown in sorted(names - declared):
            found.append(Problem((*where, name), entry, f"placeholder {{{unknown}}} not declared"))
        used |= names
        if labels and len(form) > LABEL_LIMIT:
            message = f"a label has at most {LABEL_LIMIT} characters, this one {len(form)}"
            found.append(Problem(where, entry, message))
    for unused in sorted(declared - used - ({COUNT} if "other" in texts else set())):
        found.append(
            Problem((*where, "placeholders"), entry, f"placeholder {unused} is not in the text")
        )
    if found:
        return None
    return Message(key, declared, texts.get("text"), texts.get("one"), texts.get("other"))


def _used_names(form: str, where: Location, entry: str, found: list[Problem]) -> set[str]:
    try:
        parsed = list(_FORMATTER.parse(form))
    except ValueError as error:
        found.append(Problem(where, entry, f"braces: {error} (write {{{{ for a brace)"))
        return set()
    names = set()
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if not _PLACEHOLDER.match(name) or spec or conversion:
            found.append(Problem(where, entry, f"placeholder {{{name}}} must be a plain name"))
            continue
        names.add(name)
    return names
