"""content/messages.yaml: loaded and checked like the rest of the content, read by key."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.content import ContentError, load_content
from bot.domain.messages import MessageError, parse_messages

MONTHS = "[januari, februari, maart, april, mei, juni, juli, augustus, september, oktober, november, december]"  # noqa: E501


def write(content_dir: Path, body: str) -> None:
    (content_dir / "messages.yaml").write_text(
        f"version: 1\nmonths: {MONTHS}\n{body}", encoding="utf-8"
    )


def problems(content_dir: Path) -> list[str]:
    with pytest.raises(ContentError) as error:
        load_content(content_dir)
    return [str(issue) for issue in error.value.issues]


def test_the_fixture_content_uses_the_shipped_messages(fixture_content):
    shipped = load_content()
    assert fixture_content.messages.keys == shipped.messages.keys
    assert fixture_content.messages.say("thanks") == shipped.messages.say("thanks")


def test_say_fills_in_the_declared_placeholders():
    messages = _messages(
        'messages:\n  error: {text: "Noem code {reference}.", placeholders: [reference]}\n'
        '  thanks: "Graag gedaan!"\nlabels:\n  help: Help\n'
    )
    assert messages.say("error", reference="A1") == "Noem code A1."
    assert messages.say("thanks") == "Graag gedaan!"


def test_say_refuses_an_unknown_key_or_values_that_do_not_match():
    messages = _messages(
        'messages:\n  error: {text: "Noem code {reference}.", placeholders: [reference]}\n'
        "labels:\n  help: Help\n"
    )
    with pytest.raises(MessageError, match="unknown message 'nope'"):
        messages.say("nope")
    with pytest.raises(MessageError, match="missing values \\['reference'\\]"):
        messages.say("error")
    with pytest.raises(MessageError, match="unexpected values \\['code'\\]"):
        messages.say("error", reference="A1", code="B2")
    with pytest.raises(MessageError, match="unknown label 'nope'"):
        messages.label("nope")


def test_count_picks_the_singular_or_the_plural():
    messages = _messages(
        "messages:\n  more:\n    one: En nog 1 samenwerking.\n"
        "    other: En nog {count} samenwerkingen.\n    placeholders: [count]\n"
        "labels:\n  help: Help\n"
    )
    assert messages.count("more", 1) == "En nog 1 samenwerking."
    assert messages.count("more", 3) == "En nog 3 samenwerkingen."
    assert messages.count("more", 0) == "En nog 0 samenwerkingen."
    with pytest.raises(MessageError, match="use count"):
        messages.say("more")


def test_dates_and_lists_read_in_dutch(fixture_content):
    from datetime import date

    assert fixture_content.messages.date(date(2027, 3, 9)) == "9 maart 2027"
    assert fixture_content.messages.listing(["a", "b", "c"]) == "a, b en c"


def test_an_undeclared_placeholder_is_an_error_with_file_and_line(content_dir):
    write(content_dir, 'messages:\n  thanks: "Graag gedaan!"\n  error: "Code {reference}."\n')
    assert "content/messages.yaml:5: error: placeholder {reference} not declared" in problems(
        content_dir
    )


def test_unknown_keys_and_sections_are_errors(content_dir):
    write(
        content_dir,
        'messages:\n  thanks: {text: "Graag!", tone: warm}\nlabels:\n  help: Help\nextra: 1\n',
    )
    found = problems(content_dir)
    assert "content/messages.yaml:4: thanks: unknown key 'tone'" in found
    assert "content/messages.yaml:7: extra: unknown key" in found


def test_a_declared_placeholder_must_be_used_and_plurals_need_count(content_dir):
    write(
        content_dir,
        "messages:\n"
        '  error: {text: "Sorry.", placeholders: [reference]}\n'
        '  more: {one: "1 vraag", other: "veel vragen"}\n'
        "labels:\n  help: Help\n",
    )
    found = problems(content_dir)
    assert "content/messages.yaml:4: error: placeholder reference is not in the text" in found
    assert "content/messages.yaml:5: more: plural forms need the placeholder count" in found


def test_a_label_longer_than_30_characters_is_an_error(content_dir):
    write(
        content_dir,
        'messages:\n  thanks: "Graag!"\nlabels:\n  long: "Dit is een veel te lange knoptekst"\n',
    )
    assert (
        "content/messages.yaml:6: labels.long: a label has at most 30 characters, this one 34"
        in problems(content_dir)
    )


def test_missing_months_or_sections_are_errors(content_dir):
    (content_dir / "messages.yaml").write_text("version: 1\nmessages: {}\n", encoding="utf-8")
    found = problems(content_dir)
    assert "content/messages.yaml:1: months: must list the 12 month names" in found
    assert "content/messages.yaml:2: messages: is required: a mapping of keys to texts" in found
    assert "content/messages.yaml:1: labels: is required: a mapping of keys to texts" in found


def test_the_shipped_labels_fit_on_a_phone_with_a_two_digit_number():
    messages = load_content().messages
    for key in messages.label_keys:
        placeholders = messages.label_placeholders(key)
        if placeholders <= {"number", "code"}:
            label = messages.label(key, **dict.fromkeys(placeholders, "99"))
            assert len(label) <= 30, (key, label)


def _messages(body: str):
    import yaml

    messages, found = parse_messages(yaml.safe_load(f"version: 1\nmonths: {MONTHS}\n{body}"))
    assert found == [] and messages is not None
    return messages
