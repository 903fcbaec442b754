from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.content import CONTACTS_ENV, ContentError, load_content


def _problems(root: Path, contacts: Path | None = None) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(root, contacts)
    return [str(issue) for issue in caught.value.issues]


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_fixture_content_loads_with_items_indexed_by_id(fixture_content):
    assert [theme.key for theme in fixture_content.themes] == ["juridisch", "privacy"]
    assert fixture_content.items["jur-2"].experts == ["JUR", "FIN"]
    assert fixture_content.theme_of_item["inf-1"].title == "Informatievoorziening & Privacy"


def test_fixture_content_loads_intake_rules_and_the_register(fixture_content):
    [yes, unknown] = fixture_content.items["jur-2"].rules
    assert (yes.when, yes.involve) == (["ja"], ["JUR", "FIN"])
    assert (unknown.when, unknown.involve) == (["weet_niet"], ["JUR"])
    register = fixture_content.register
    assert [form.key for form in register.forms] == ["overeenkomst", "wgr"]
    assert [(c.key, c.months) for c in register.cadences] == [("jaarlijks", 12), ("geen", None)]
    assert register.default_cadence == "jaarlijks"


def test_unknown_expert_is_reported_with_file_line_and_entry(content_dir):
    _replace(content_dir / "themes/juridisch.yaml", "experts: [JUR, FIN]", "experts: [JURR, FIN]")
    assert _problems(content_dir) == [
        "content/themes/juridisch.yaml:26: jur-2.experts: unknown expert 'JURR'"
    ]


def test_an_unknown_team_of_a_framework_section_is_reported_with_file_and_line(content_dir):
    path = next((content_dir / "frameworks").glob("*.yaml"))
    text = path.read_text(encoding="utf-8")
    first = text.index("  - id: ", text.index("sections:"))
    line = text.count("\n", 0, first) + 2
    path.write_text(text[:first] + text[first:].replace("\n", "\n    experts: [XYZ]\n", 1))
    [problem] = _problems(content_dir)
    assert problem.startswith(f"content/frameworks/{path.name}:{line}: ")
    assert problem.endswith("experts: unknown expert 'XYZ'")


def test_an_unknown_general_team_is_reported_with_file_and_line(content_dir):
    _replace(content_dir / "experts.yaml", "experts:\n", "general: GOV\nexperts:\n")
    assert _problems(content_dir) == ["content/experts.yaml:2: general: unknown expert 'GOV'"]


def test_unknown_teams_of_the_agreements_rule_are_reported_with_file_and_line(content_dir):
    rule = "agreements:\n  team: LEGAL\n  when: [FIN, XYZ]\nexperts:\n"
    _replace(content_dir / "experts.yaml", "experts:\n", rule)
    assert _problems(content_dir) == [
        "content/experts.yaml:3: agreements.team: unknown expert 'LEGAL'",
        "content/experts.yaml:4: agreements.when: unknown expert 'XYZ'",
    ]


def test_unknown_key_is_rejected(content_dir):
    _replace(content_dir / "themes/privacy.yaml", "    question:", "    vraag: x\n    question:")
    assert _problems(content_dir) == ["content/themes/privacy.yaml:8: inf-1.vraag: unknown key"]


def test_missing_and_empty_fields_are_reported(content_dir):
    _replace(
        content_dir / "themes/privacy.yaml", "why: Informatie moet goed", "why: ''\nx: Informatie"
    )
    problems = _problems(content_dir)
    assert "content/themes/privacy.yaml:4: why: String should have at least 1 character" in problems
    assert "content/themes/privacy.yaml:5: x: unknown key" in problems


def test_too_few_phrasings_is_reported_on_the_item(content_dir):
    _replace(content_dir / "themes/privacy.yaml", "      - dpa nodig\n", "")
    [problem] = _problems(content_dir)
    assert problem.startswith("content/themes/privacy.yaml:11: inf-1.phrasings: List should have")


def test_broken_yaml_names_file_and_line(content_dir):
    _replace(content_dir / "thesaurus.yaml", "[privacy, avg", "[privacy, avg]]")
    [problem] = _problems(content_dir)
    assert problem.startswith("content/thesaurus.yaml:7: invalid YAML")


def test_all_problems_are_listed_at_once(content_dir):
    _replace(content_dir / "themes/juridisch.yaml", "related: [jur-2]", "related: [jur-9]")
    _replace(content_dir / "themes/privacy.yaml", "id: inf-1", "id: jur-1")
    _replace(content_dir / "frameworks/fasen.yaml", "version: 1", "version: 2")
    problems = _problems(content_dir)
    assert len(problems) == 1  # a file that fails its model stops before cross-checks
    assert problems[0].startswith("content/frameworks/fasen.yaml:1: version: Input should be 1")
    _replace(content_dir / "frameworks/fasen.yaml", "version: 2", "version: 1")
    assert _problems(content_dir) == [
        "content/themes/privacy.yaml:7: jur-1.id: duplicate id 'jur-1'",
        "content/themes/juridisch.yaml:18: jur-1.related: unknown checklist item 'jur-9'",
    ]


def test_word_in_two_concepts_and_missing_file_are_reported(content_dir):
    _replace(content_dir / "thesaurus.yaml", "klantgegevens]", "klantgegevens, contracten]")
    (content_dir / "out_of_scope.yaml").unlink()
    assert _problems(content_dir) == ["content/out_of_scope.yaml:1: file is missing"]
    (content_dir / "out_of_scope.yaml").write_text("version: 1\nexamples: [lunch]\n")
    assert _problems(content_dir) == [
        "content/thesaurus.yaml:7: privacy.words: word 'contracten' is also in concept "
        "'overeenkomst'"
    ]


def test_thesaurus_rejects_unknown_keys_teams_flags_forms_and_concepts(content_dir):
    _replace(
        content_dir / "thesaurus.yaml",
        "    experts: [IBC]\n    flags: [personal_data]\n",
        "    experts: [XX]\n    flags: [nope]\n    form: gr\n    colour: red\n",
    )
    assert _problems(content_dir) == ["content/thesaurus.yaml:11: privacy.colour: unknown key"]
    _replace(content_dir / "thesaurus.yaml", "    colour: red\n", "")
    _replace(
        content_dir / "themes/privacy.yaml", "experts: [IBC", "concepts: [avg]\n    experts: [IBC"
    )
    assert set(_problems(content_dir)) == {
        "content/themes/privacy.yaml:10: inf-1.concepts: unknown concept 'avg'",
        "content/thesaurus.yaml:8: privacy.experts: unknown expert 'XX'",
        "content/thesaurus.yaml:9: privacy.flags: unknown flag 'nope'",
        "content/thesaurus.yaml:10: privacy.form: unknown form 'gr'",
    }


def test_out_of_scope_examples_may_carry_a_referral_and_smalltalk_is_validated(content_dir):
    (content_dir / "out_of_scope.yaml").write_text(
        "version: 1\nexamples:\n  - lunch\n"
        "  - {q: ziekmelden, refer: Meld je ziek bij je leidinggevende.}\n"
    )
    content = load_content(content_dir)
    assert content.out_of_scope == ("lunch", "ziekmelden")
    assert content.referrals == (None, "Meld je ziek bij je leidinggevende.")
    _replace(content_dir / "smalltalk.yaml", "kind: thanks", "kind: thanks\n    words: [x]")
    assert _problems(content_dir) == ["content/smalltalk.yaml:4: thanks.words: unknown key"]


def test_contact_override_replaces_placeholder_without_touching_shipped_files(
    content_dir, tmp_path, monkeypatch
):
    overrides = tmp_path / "contacts.yaml"
    overrides.write_text("version: 1\ncontacts:\n  JUR:\n    email: jur@gemeente.nl\n")
    monkeypatch.setenv(CONTACTS_ENV, str(overrides))
    content = load_content(content_dir)
    contact = content.experts["JUR"].contact
    assert (contact.email, contact.team, contact.phone, contact.placeholder) == (
        "jur@gemeente.nl",
        "Juridische Zaken",
        None,
        False,
    )
    assert content.experts["IBC"].contact.placeholder is True


def test_contact_override_for_unknown_team_is_an_error(content_dir, tmp_path):
    overrides = tmp_path / "contacts.yaml"
    overrides.write_text("version: 1\ncontacts:\n  XYZ:\n    email: x@y.nl\n")
    assert _problems(content_dir, overrides) == [
        "contacts.yaml:3: contacts.XYZ: unknown expert 'XYZ'"
    ]


def test_rule_involving_an_unknown_expert_is_reported(content_dir):
    _replace(content_dir / "themes/juridisch.yaml", "involve: [JUR, FIN]", "involve: [JUR, XYZ]")
    assert _problems(content_dir) == [
        "content/themes/juridisch.yaml:36: jur-2.rules[0].involve: unknown expert 'XYZ'"
    ]


def test_answer_in_two_rules_of_one_item_is_reported(content_dir):
    _replace(content_dir / "themes/juridisch.yaml", "when: [weet_niet]", "when: [weet_niet, ja]")
    assert _problems(content_dir) == [
        "content/themes/juridisch.yaml:38: jur-2.rules[1].when: answer 'ja' in two rules"
    ]


def test_answer_repeated_within_a_rule_is_reported_once(content_dir):
    _replace(content_dir / "themes/juridisch.yaml", "when: [ja]", "when: [ja, ja]")
    assert _problems(content_dir) == [
        "content/themes/juridisch.yaml:35: jur-2.rules[0].when: duplicate answer 'ja'"
    ]


def test_unknown_answer_code_is_rejected(content_dir):
    _replace(content_dir / "themes/juridisch.yaml", "when: [ja]", "when: [misschien]")
    [problem] = _problems(content_dir)
    assert problem.startswith("content/themes/juridisch.yaml:35: jur-2.rules[0].when[0]: Input")


def test_item_without_rules_is_reported(content_dir):
    _replace(
        content_dir / "themes/juridisch.yaml",
        "    rules:\n      - when: [nee, weet_niet]\n        involve: [JUR]\n"
        "        why: Zonder overeenkomst liggen de afspraken niet vast.\n",
        "",
    )
    assert _problems(content_dir) == [
        "content/themes/juridisch.yaml:8: jur-1.rules: needs at least one rule"
    ]


def test_missing_register_is_reported(content_dir):
    (content_dir / "register.yaml").unlink()
    assert _problems(content_dir) == ["content/register.yaml:1: file is missing"]


def test_register_with_an_unknown_theme_is_reported(content_dir):
    _replace(content_dir / "register.yaml", "themes: [juridisch, privacy]", "themes: [geld]")
    _replace(content_dir / "register.yaml", "themes: [privacy]", "themes: [privacy, privacy]")
    assert _problems(content_dir) == [
        "content/register.yaml:10: wgr.themes: unknown theme 'geld'",
        "content/register.yaml:21: personal_data.themes: duplicate theme 'privacy'",
    ]


def test_register_with_a_repeated_key_is_reported(content_dir):
    _replace(content_dir / "register.yaml", "key: evalueren", "key: overwegen")
    _replace(content_dir / "register.yaml", "key: geen", "key: jaarlijks")
    assert _problems(content_dir) == [
        "content/register.yaml:16: overwegen.key: duplicate key 'overwegen'",
        "content/register.yaml:26: jaarlijks.key: duplicate key 'jaarlijks'",
    ]


def test_register_with_an_unknown_default_cadence_is_reported(content_dir):
    _replace(content_dir / "register.yaml", "default_cadence: jaarlijks", "default_cadence: nooit")
    assert _problems(content_dir) == [
        "content/register.yaml:29: default_cadence: unknown cadence 'nooit'"
    ]


def test_register_key_principles_must_exist_in_the_forms_part(content_dir):
    (content_dir / "frameworks/principes.yaml").write_text(
        "version: 1\nid: principes\ntitle: Principes\nsummary: Twaalf principes.\n"
        "source: Testbron\nexperts: [JUR]\nsections:\n"
        "  - {id: principe-a1, title: Deel A, summary: Wgr.}\n"
        "  - {id: principe-b1, title: Deel B, summary: Netwerk.}\n",
        encoding="utf-8",
    )
    _replace(
        content_dir / "register.yaml",
        "    principles: A\n",
        "    principles: A\n    key_principles: [principe-a1, fase-verkennen, principe-b1]\n",
    )
    assert _problems(content_dir) == [
        "content/register.yaml:12: wgr.key_principles: unknown principle 'fase-verkennen'",
        "content/register.yaml:12: wgr.key_principles: principle 'principe-b1' is not in part A",
    ]


def test_fixture_register_loads_the_evaluation_kinds_and_their_default(fixture_content):
    register = fixture_content.register
    assert [(kind.key, kind.label) for kind in register.evaluation_kinds] == [
        ("jaarlijks", "Jaarlijkse lichte evaluatie"),
        ("volledig", "Volledige evaluatie"),
    ]
    assert register.default_evaluation_kind == "jaarlijks"
    assert register.evaluation_kind_labels == {
        "jaarlijks": "Jaarlijkse lichte evaluatie",
        "volledig": "Volledige evaluatie",
    }


def test_register_with_a_repeated_evaluation_kind_is_reported(content_dir):
    _replace(content_dir / "register.yaml", "key: volledig", "key: jaarlijks")
    assert _problems(content_dir) == [
        "content/register.yaml:33: jaarlijks.key: duplicate key 'jaarlijks'"
    ]


def test_register_with_an_unknown_default_evaluation_kind_is_reported(content_dir):
    _replace(
        content_dir / "register.yaml",
        "default_evaluation_kind: jaarlijks",
        "default_evaluation_kind: fase",
    )
    assert _problems(content_dir) == [
        "content/register.yaml:35: default_evaluation_kind: unknown evaluation kind 'fase'"
    ]


def test_register_without_evaluation_kinds_is_reported(content_dir):
    path = content_dir / "register.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("evaluation_kinds:")], encoding="utf-8")
    assert _problems(content_dir) == [
        "content/register.yaml:1: evaluation_kinds: is required",
        "content/register.yaml:1: default_evaluation_kind: is required",
    ]


def test_register_with_an_empty_list_of_evaluation_kinds_is_rejected(content_dir):
    path = content_dir / "register.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text[: text.index("evaluation_kinds:")] + "evaluation_kinds: []\n"
        "default_evaluation_kind: jaarlijks\n",
        encoding="utf-8",
    )
    [problem] = _problems(content_dir)
    assert problem.startswith("content/register.yaml:30: evaluation_kinds: List should have")


def test_evaluation_kind_with_an_unknown_field_or_bad_key_is_rejected(content_dir):
    _replace(content_dir / "register.yaml", "key: volledig", "key: Volledig\n    months: 3")
    assert _problems(content_dir) == [
        "content/register.yaml:33: Volledig.key: String should match pattern "
        "'^[a-z0-9]+(_[a-z0-9]+)*$'",
        "content/register.yaml:34: Volledig.months: unknown key",
    ]


# --- phase model, governance cycle, roles, evaluation regime --------------------------------

OVERWEGEN = "    label: Overwegen en analyseren\n    themes: [juridisch]\n"


def test_a_phase_mapped_to_an_unknown_or_earlier_model_phase_is_reported(content_dir):
    register = content_dir / "register.yaml"
    _replace(register, OVERWEGEN, OVERWEGEN + "    model: [fase-nergens]\n")
    assert _problems(content_dir) == [
        "content/register.yaml:16: overwegen.model: unknown phase of the model 'fase-nergens'"
    ]


def test_every_model_phase_needs_a_register_phase_once_the_mapping_is_used(content_dir):
    register = content_dir / "register.yaml"
    _replace(register, OVERWEGEN, OVERWEGEN + "    model: [fase-verkennen]\n")
    framework = content_dir / "frameworks/fasen.yaml"
    text = framework.read_text(encoding="utf-8")  # the fixture has one phase: add a second
    text += (
        "  - id: fase-onderzoeken\n    group: Fasen\n    title: Onderzoeken\n"
        "    summary: Samen kijken of het haalbaar is.\n"
    )
    framework.write_text(text, encoding="utf-8")
    assert _problems(content_dir) == [
        "content/register.yaml:12: phases: no phase maps to fase-onderzoeken"
    ]


def test_a_phase_checklist_item_must_exist(content_dir):
    register = content_dir / "register.yaml"
    _replace(register, OVERWEGEN, OVERWEGEN + "    checklist: [jur-99]\n")
    assert _problems(content_dir) == [
        "content/register.yaml:16: overwegen.checklist: unknown checklist item 'jur-99'"
    ]


def test_a_tool_outside_the_governance_cycle_is_reported(content_dir):
    framework = content_dir / "frameworks/fasen.yaml"
    _replace(framework, "    questions: [", "    tool: intakes\n    questions: [")
    [problem] = _problems(content_dir)
    assert problem.endswith(
        "fase-verkennen.tool: 'tool' belongs in frameworks/governancecyclus.yaml only"
    )


def test_an_unknown_tool_is_rejected(content_dir):
    cycle = content_dir / "frameworks/governancecyclus.yaml"
    cycle.write_text(
        "version: 1\nid: governancecyclus\ntitle: Cyclus\nsummary: Vier stappen.\n"
        "source: Testbron\nexperts: [JUR]\nsections:\n"
        "  - id: cyclus-richten\n    group: Cyclus\n    title: Richten\n"
        "    summary: Kiezen.\n    tool: toverstaf\n"
        "  - id: cyclus-inrichten\n    group: Cyclus\n    title: Inrichten\n"
        "    summary: Oprichten.\n",
        encoding="utf-8",
    )
    problems = _problems(content_dir)
    assert problems[0].startswith(
        "content/frameworks/governancecyclus.yaml:12: cyclus-richten.tool:"
    )


def test_a_step_of_the_cycle_without_a_tool_and_a_role_without_its_forms_are_reported(content_dir):
    (content_dir / "frameworks/governancecyclus.yaml").write_text(
        "version: 1\nid: governancecyclus\ntitle: Cyclus\nsummary: Vier stappen.\n"
        "source: Testbron\nexperts: [JUR]\nsections:\n"
        "  - id: cyclus-richten\n    group: Cyclus\n    title: Richten\n    summary: Kiezen.\n",
        encoding="utf-8",
    )
    (content_dir / "frameworks/rollen.yaml").write_text(
        "version: 1\nid: rollen\ntitle: Rollen\nsummary: Wie doet wat.\n"
        "source: Testbron\nexperts: [JUR]\nsections:\n"
        "  - id: rol-raad\n    title: De raad\n    summary: Kaders.\n    wgr: Beslist.\n",
        encoding="utf-8",
    )
    assert _problems(content_dir) == [
        "content/frameworks/governancecyclus.yaml:8: cyclus-richten: needs 'tool'",
        "content/frameworks/rollen.yaml:8: rol-raad: needs 'network'",
    ]


def test_a_regime_with_an_unknown_cadence_or_kind_is_reported(content_dir):
    register = content_dir / "register.yaml"
    text = register.read_text(encoding="utf-8")
    text += (
        "importance_levels:\n  - key: zeer_belangrijk\n    label: Politiek zeer belangrijk\n"
        "    regime: {cadence: wekelijks, evaluation_kind: groot, advice: Elk jaar licht.}\n"
    )
    register.write_text(text, encoding="utf-8")
    problems = _problems(content_dir)
    assert [p.split(": ", 1)[1] for p in problems] == [
        "zeer_belangrijk.regime.cadence: unknown cadence 'wekelijks'",
        "zeer_belangrijk.regime.evaluation_kind: unknown evaluation kind 'groot'",
    ]


def test_the_partners_of_the_own_business_are_concepts_of_the_thesaurus(content_dir):
    with (content_dir / "out_of_scope.yaml").open("a", encoding="utf-8") as file:
        file.write("own_business:\n  markers: [stadhuis]\n  partners: [geld, partnerz]\n")
    assert _problems(content_dir) == [
        "content/out_of_scope.yaml:10: own_business.partners: unknown concept 'partnerz'",
    ]


def test_an_everyday_topic_may_not_take_a_word_of_the_thesaurus(content_dir):
    with (content_dir / "out_of_scope.yaml").open("a", encoding="utf-8") as file:
        file.write(
            "topics:\n  - key: money\n    words: [salaris, subsidie]\n"
            "  - key: money\n    words: [x]\n"
        )
    assert _problems(content_dir) == [
        "content/out_of_scope.yaml:11: money.key: duplicate topic 'money'",
        "content/out_of_scope.yaml:10: money.words: word 'subsidie' is also in concept 'geld'",
    ]
