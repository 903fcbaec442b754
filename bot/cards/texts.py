"""The fixed Dutch texts of the cards, in one place so wording is edited once.

Texts that the governance network maintains (clarify intro, out-of-scope reply, the
placeholder-contact note, headings of the answer card) come from content/messages.yaml.
"""

from __future__ import annotations

from datetime import date

from bot.domain.dates import MONTHS

# Answer cards
THEME_LINE = "Thema: {theme}"
FROM_FRAMEWORK = "uit {framework}"
ALL_THEME_QUESTIONS = "Alle vragen over {theme}"
RELATED_MORE = "Gerelateerde vragen ({count})"
FEEDBACK_PROMPT = "Had je hier iets aan?"
HELPFUL = "Nuttig"
NOT_HELPFUL = "Niet nuttig"
SECTION_QUESTIONS = "Vragen bij dit onderdeel"
SECTIONS = "Onderdelen"
PHASES_LINE = "Fasen: {phases}"
MORE_SECTIONS = "En nog {count} onderdelen. Typ de naam van een onderdeel om het te bekijken."
CLARIFY_REPHRASE = "Staat je vraag er niet tussen? Stel hem dan in andere woorden."
EXPERT_LABEL = "expertteam"
SHOW_THEMES = "Thema's bekijken"
HELP = "Help"

# Contact block
PHONE_LINE = "Telefoon: {phone}"
TEAM_LINE = "Team: {team}"
EMAIL_BUTTON = "E-mail sturen"
WEBSITE_BUTTON = "Website bekijken"

# Browsing
THEMES_HEADING = "Thema's"
THEMES_INTRO = "Kies een thema om alle checklistvragen te zien."
THEME_BUTTON = "{title} ({count} vragen)"
WHY_HEADING = "Waarom is dit belangrijk?"
SOURCE_LINE = "Bron: {source}"
CHECKLIST_HEADING = "Checklistvragen"
THEME_EXPERTS_HEADING = "Expertteams die vaak meedoen"
ALL_THEMES = "Alle thema's"
START_INTAKE = "Intake starten"
EXPERTS_HEADING = "Expertteams"
EXPERTS_INTRO = "Kies een team voor contactgegevens en wanneer je het inschakelt."
WHEN_HEADING = "Wanneer schakel je ze in?"
CONTACT_HEADING = "Contact"
ALL_TEAMS = "Alle teams"

# Welcome and help
WELCOME_HEADING = "Welkom bij Samenwerkwijzer"
HELP_HEADING = "Zo werkt Samenwerkwijzer"
INTRO = (
    "Ik beantwoord je vragen over samenwerkingen met de checklist uit de wegwijzer "
    "'Aan de slag met samenwerkingen'. Ik vertel je waar je op moet letten en welk "
    "expertteam je kunt inschakelen. Met een intake loop je de vragen van een thema samen "
    "met mij door, en je kunt je samenwerking registreren."
)
SCOPE_LINE = "Ik ken {questions} checklistvragen in {themes} thema's."
EXAMPLES_HEADING = "Stel je vraag in je eigen woorden, of probeer er een:"
HELP_COMMANDS = (
    "Je kunt ook typen: thema's, intake <thema>, nieuwe samenwerking, mijn samenwerkingen, "
    "experts, privacy of help."
)
MENU_HEADING = "Of kies:"
MENU = (
    ("Thema's", "thema's"),
    ("Nieuwe samenwerking", "nieuwe samenwerking"),
    ("Mijn samenwerkingen", "mijn samenwerkingen"),
    ("Expertteams", "experts"),
    ("Privacy", "privacy"),
    ("Help", "help"),
)

# Privacy
PRIVACY_HEADING = "Privacy"
STORED_INTRO = "Dit bewaar ik over jou:"
NOTHING_STORED = "Op dit moment bewaar ik niets over jou."
NOT_LOGGED = "Wat je typt, komt niet in logbestanden."
FEEDBACK_ANONYMOUS = "Je feedback (nuttig of niet nuttig) bewaar ik zonder je naam."
DELETE_HINT = "Met de knop hieronder verwijder je wat ik over jou bewaar."
DELETE_BUTTON = "Verwijder mijn gegevens"
DATA_DELETED = "Klaar: ik heb je gegevens verwijderd."


def error_text(reference: str) -> str:
    """The apology when a turn fails; the reference lets support find the log line."""
    return (
        "Sorry, er ging iets mis aan mijn kant. Probeer het nog eens. "
        f"Noem code {reference} als je het meldt."
    )


def feedback_thanks(helpful: bool) -> str:
    if helpful:
        return "Bedankt! Fijn dat je hier iets aan had."
    return (
        "Bedankt voor je feedback. Stel je vraag eventueel in andere woorden, "
        "of neem contact op met het expertteam."
    )


def data_deleted_text() -> str:
    return DATA_DELETED


def unknown_item_text() -> str:
    """When a button points at something the content no longer has (an old card)."""
    return (
        "Dat kan ik niet meer vinden; misschien is de inhoud intussen aangepast. "
        "Stel je vraag opnieuw, of typ thema's."
    )


# Dates


def dutch_date(value: date) -> str:
    """date(2027, 11, 23) -> '23 november 2027'."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def dutch_list(parts: list[str]) -> str:
    """['a', 'b', 'c'] -> 'a, b en c'."""
    if len(parts) < 2:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} en {parts[-1]}"


# Intakes: starting and the form
ANSWER_LABELS = {
    "ja": "Ja",
    "nee": "Nee",
    "weet_niet": "Weet ik niet",
    "nvt": "Niet van toepassing",
}
INTAKE_HEADING = "Intake {theme}"
INTAKE_FOR = "Voor de samenwerking {partnership}"
INTAKE_WHAT = (
    "Je loopt de {count} checklistvragen van dit thema langs en antwoordt met Ja, Nee, "
    "Weet ik niet of Niet van toepassing. Dat duurt ongeveer {minutes} minuten."
)
INTAKE_AFTER = "Daarna krijg je de open punten en de expertteams die je kunt inschakelen."
INTAKE_HOW = "Hoe wil je antwoorden?"
INTAKE_FORM_BUTTON = "Formulier invullen"
INTAKE_STEPS_BUTTON = "Stap voor stap in de chat"
INTAKE_FORM_INTRO = (
    "Beantwoord wat je weet; een vraag zonder antwoord telt als overgeslagen. "
    "Klik onderaan op Versturen."
)
ANSWER_INPUT_LABEL = "Antwoord"
NOTE_INPUT_LABEL = "Notitie"
NOTE_PLACEHOLDER = "Notitie (optioneel)"
SEND = "Versturen"

# Intakes: step by step
QUESTION_OF = "Vraag {index} van {total}"
STEP_ANSWERS = (("Ja", "ja"), ("Nee", "nee"), ("Weet ik niet", "weet niet"), ("N.v.t.", "nvt"))
SKIP = ("Overslaan", "overslaan")
BACK = ("Terug", "terug")
STOP = ("Stop", "stop")
STEP_TYPING_HINT = (
    "Je kunt je antwoord ook typen. Andere tekst bewaar ik als notitie bij deze vraag."
)
NOTE_LINE = "Notitie: {note}"
RESUME_QUESTION = (
    "Je was nog bezig met de intake {theme} (vraag {index} van {total}). "
    "Verdergaan of opnieuw beginnen?"
)
RESUME_BUTTON = "Verdergaan"
DISCARD_BUTTON = "Opnieuw beginnen"

# Intakes: the summary
SUMMARY_HEADING = "Samenvatting intake {theme}"
SUMMARY_FOR = " voor {partnership}"
ANSWERED_LINE = "{answered} van {total} vragen beantwoord"
SKIPPED_PART = ", {skipped} overgeslagen"
OPEN_POINTS_HEADING = "Open punten"
YOUR_ANSWER = "Jouw antwoord: {answer}"
INVOLVE_LINE = "Inschakelen: {teams}"
NO_OPEN_POINTS = "Op basis van je antwoorden zijn er geen open punten. Mooi zo!"


def still_open_text(count: int) -> str:
    """After an intake that left questions without an answer."""
    questions = "vraag" if count == 1 else "vragen"
    return (
        f"Bij je antwoorden zie ik geen open punten. Maar {count} {questions} heb je nog niet "
        "beantwoord: kijk daar nog naar."
    )


SUMMARY_TEAMS_HEADING = "Schakel deze expertteams in"
NEXT_THEMES_HEADING = "Kijk ook naar"
INTAKE_BUTTON = "Intake {theme}"
MARKDOWN_BUTTON = "Samenvatting als tekst"
MD_DATE = "Datum: {date}"
MD_PARTNERSHIP = "Samenwerking: {partnership}"
MD_ANSWERS = "Antwoorden"
MD_ANSWER = "Antwoord: {answer}"
MD_SKIPPED = "overgeslagen"
MD_WHY = "Waarom: {why}"
MD_TEAMS = "Expertteams"
MD_EMAIL = "E-mail: {email}"
MD_WEBSITE = "Website: {url}"


def intake_help_text() -> str:
    return (
        "Zo beantwoord je de vragen in de chat:\n\n"
        "- **ja**, **nee**, **weet niet** of **nvt** (niet van toepassing): je antwoord\n"
        "- **overslaan**: deze vraag overslaan\n"
        "- **terug**: de vorige vraag opnieuw\n"
        "- **stop**: stoppen; wat je al hebt beantwoord, komt in de samenvatting\n"
        "- **help**: deze uitleg\n\n"
        "Typ je iets anders, dan bewaar ik dat als notitie bij de vraag. "
        "Met 'ja, we hebben een convenant' geef je antwoord en notitie in één keer."
    )


def intake_stopped_text() -> str:
    return "Oké, ik ben gestopt met de intake. Je kunt hem later opnieuw starten."


def intake_resumed_text(theme: str, index: int, total: int) -> str:
    return f"We gaan verder met de intake {theme}, bij vraag {index} van {total}."


def intake_discarded_text() -> str:
    return "Oké, ik heb het weggegooid. Je kunt altijd opnieuw beginnen."


# The register: fields, in the form and step by step
FIELD_LABELS = {
    "name": "Naam van de samenwerking",
    "purpose": "Doel in een of twee zinnen",
    "partners": "Partners (gescheiden door komma's)",
    "form": "Vorm van de samenwerking",
    "mandated": "Is de samenwerking wettelijk verplicht (gemandateerd)?",
    "phase": "In welke fase zit de samenwerking?",
    "flags": "Wat speelt er?",
    "first_evaluation": "Eerste evaluatiemoment",
    "cadence": "Hoe vaak evalueren jullie?",
    "next_evaluation": "Volgende evaluatie",
    "evaluation_kind": "Soort evaluatie",
    "account_holder_id": "Kies de nieuwe accounthouder",
    "account_holder_name": "Of typ zijn of haar naam",
}
FIELD_HINTS = {
    "name": "Een korte naam die iedereen herkent.",
    "purpose": "Wat wil de samenwerking bereiken? Weet je het nog niet, typ dan overslaan.",
    "partners": (
        "Met wie werk je samen? Bijvoorbeeld: gemeente Breda, provincie Noord-Brabant. "
        "Typ overslaan als je het nog niet weet."
    ),
    "form": "Kies de vorm die het best past.",
    "mandated": "Bijvoorbeeld een veiligheidsregio of GGD. Antwoord met ja of nee.",
    "phase": "Kies de fase waarin de samenwerking nu zit.",
    "flags": "Typ de nummers die gelden, bijvoorbeeld 1, 3. Geldt er niets, typ dan geen.",
    "first_evaluation": (
        "Typ een datum, bijvoorbeeld 23-11-2027 of 23 november 2027. Typ standaard, "
        "dan reken ik hem uit met het evaluatieritme dat je hierna kiest."
    ),
    "cadence": "Kies hoe vaak jullie de samenwerking evalueren.",
}
FIELD_NAMES = {  # in a sentence: 'controleer de naam en de vorm'
    "name": "de naam",
    "purpose": "het doel",
    "partners": "de partners",
    "form": "de vorm",
    "mandated": "of de samenwerking wettelijk verplicht is",
    "phase": "de fase",
    "flags": "wat er speelt",
    "first_evaluation": "de datum van de eerste evaluatie",
    "cadence": "hoe vaak jullie evalueren",
    "next_evaluation": "de datum van de volgende evaluatie",
}
YES_NO = (("Ja", "true"), ("Nee", "false"))
PICK_PLACEHOLDER = "Kies…"
NAME_REQUIRED = "Vul de naam van de samenwerking in."
FORM_REQUIRED = "Kies een vorm."
MANDATED_REQUIRED = "Kies ja of nee."
NEW_PARTNERSHIP_HEADING = "Nieuwe samenwerking"
NEW_PARTNERSHIP_INTRO = "Vul in wat je nu weet. Fase, evaluatie en accounthouder pas je later aan."
ACCOUNT_HOLDER_LINE = "Accounthouder: jij ({name}); overdragen kan later."
REGISTER_BUTTON = "Registreren"
NUMBERED_CHOICE = "{number}. {label}"
NONE_CHOICE = ("Geen", "geen")
TYPE_ANSWER = "Typ je antwoord."
PICK_OR_TYPE = "Kies een knop of typ je antwoord."


def registration_field_text(field: str) -> tuple[str, str | None]:
    """The label and hint of a registration question asked step by step."""
    return FIELD_LABELS[field], FIELD_HINTS.get(field)


def registration_retry_text(field: str) -> str:
    """When typed text does not fit the question."""
    if field == "name":
        return "Een samenwerking heeft een naam nodig. Typ de naam, of typ stop."
    if field == "mandated":
        return "Dat herken ik niet. Antwoord met ja of nee."
    if field == "first_evaluation":
        return "Die datum kan ik niet lezen. Typ bijvoorbeeld 23-11-2027, of typ standaard."
    if field == "flags":
        return "Dat herken ik niet. Typ de nummers die gelden, bijvoorbeeld 1, 3, of typ geen."
    return "Dat herken ik niet als een van de keuzes. Kies een knop of typ het nummer."


def registration_problems_text(fields: list[str]) -> str:
    """When the registration cannot be stored yet; `fields` are the field names at fault."""
    names = dutch_list([FIELD_NAMES.get(field, field) for field in fields])
    return f"Dat lukte nog niet: controleer {names} en probeer het opnieuw."


def registration_help_text() -> str:
    return (
        "Zo registreer je een samenwerking in de chat:\n\n"
        "- typ je antwoord of kies een knop; bij een keuze mag je ook het nummer typen\n"
        "- **overslaan**: deze vraag overslaan (niet bij de naam)\n"
        "- **terug**: de vorige vraag opnieuw\n"
        "- **stop**: stoppen; er wordt dan niets geregistreerd\n"
        "- **help**: deze uitleg"
    )


def registration_stopped_text() -> str:
    return "Oké, ik ben gestopt. Er is niets geregistreerd; je kunt altijd opnieuw beginnen."


# The register: a partnership and the list
FACT_PARTNERS = "Partners"
FACT_FORM = "Vorm"
FACT_MANDATED = "Wettelijk verplicht"
FACT_PHASE = "Fase"
FACT_ACCOUNT_HOLDER = "Accounthouder"
FACT_NEXT_EVALUATION = "Volgende evaluatie"
FACT_OPEN_POINTS = "Open punten"
YES = "ja"
NO = "nee"
NOT_FILLED_IN = "nog niet ingevuld"
NO_PURPOSE = "Nog geen doel ingevuld."
EVALUATION_VALUE = "{date} ({cadence})"
NOT_PLANNED = "nog niet gepland ({cadence})"
ARCHIVED_LINE = "Deze samenwerking is gearchiveerd."
INTAKES_HEADING = "Afgeronde intakes"
INTAKE_DONE_LINE = "{theme} ({date})"
NO_INTAKES = "Nog geen intakes gedaan."
RECOMMENDED_HEADING = "Aanbevolen intakes"
RECOMMENDED_INTRO = "Deze thema's passen bij de vorm, de fase en wat er speelt:"
ALL_RECOMMENDED_DONE = "De aanbevolen intakes zijn allemaal gedaan."
MORE_RECOMMENDED = "Ook aanbevolen: {themes}."
PRINCIPLES_HEADING = "Principes voor regionale samenwerking"
PRINCIPLES_PART = {
    "A": "Kijk vooral naar deel A: samenwerking op basis van de Wgr.",
    "B": "Kijk vooral naar deel B: netwerksamenwerking.",
}
PRINCIPLES_BUTTON = "Alle principes"
PRINCIPLES_ID = "principes"
CHANGE_BUTTON = "Wijzigen"
SAVE_BUTTON = "Opslaan"
HANDOVER_BUTTON = "Accounthouder overdragen"
HANDOVER_SUBMIT = "Overdragen"
ARCHIVE_BUTTON = "Archiveren"
ARCHIVE_CONFIRM = "Weet je zeker dat je {name} wilt archiveren?"
ARCHIVE_SUBMIT = "Ja, archiveren"
MY_PARTNERSHIPS = "Mijn samenwerkingen"
NO_PARTNERSHIPS = (
    "Je hebt nog geen samenwerkingen in het register. Registreer er een, dan raad ik je "
    "intakes en principes aan die erbij passen."
)
MORE_PARTNERSHIPS = "En nog {count} samenwerkingen."
PARTNERSHIP_BUTTON = "{name} · {phase}"
PARTNERSHIP_EVALUATION = " · evaluatie {date}"
NEW_PARTNERSHIP_BUTTON = "Nieuwe samenwerking"
STEPS_REGISTRATION_BUTTON = "Stap voor stap registreren"
REGISTERED_HEADING = "Samenwerking {name} is geregistreerd"
REGISTERED_INTRO = "Jij bent de accounthouder. Hieronder staat waar je nu naar kunt kijken."
FIRST_EVALUATION_LINE = "Eerste evaluatie: {evaluation}"
OPEN_PARTNERSHIP_BUTTON = "Bekijk de samenwerking"


def partnership_not_allowed_text() -> str:
    return (
        "Alleen de accounthouder, wie de samenwerking registreerde en beheerders kunnen "
        "deze samenwerking wijzigen."
    )


def partnership_handover_text(name: str, to: str) -> str:
    return (
        f"Ik heb {to} gevraagd accounthouder van {name} te worden. "
        "Na akkoord onder 'mijn samenwerkingen' is het rond."
    )


def unknown_colleague_text(typed: str) -> str:
    return (
        f"Ik ken niemand die '{typed}' heet. Kies je collega in de lijst, of vraag hem of haar "
        "de app eerst te openen."
    )


WHO_DO_YOU_MEAN = "Wie bedoel je?"
COLLEAGUE = "je collega"


def partnership_archived_text(name: str) -> str:
    return f"{name} is gearchiveerd."


# Evaluation moments: the reminder
REMINDER_TODAY = "Vandaag: evaluatie van {name}"
REMINDER_TOMORROW = "Morgen: evaluatie van {name}"
REMINDER_IN_DAYS = "Over {days} dagen: evaluatie van {name}"
REMINDER_LATE = "Te laat: evaluatie van {name}"
MOMENT_LINE = "{kind} op {date}"
EXPECTED_HEADING = "Wat wordt er verwacht?"
EXPECTED_LINE = (
    "Bespreek met je partners hoe de samenwerking ervoor staat, wat goed gaat en wat beter kan."
)
EXPECTED_THEMES = "Loop in elk geval deze thema's langs: {themes}."
EXPECTED_FRAMEWORK = "Gebruik het waarderingskader. {summary}"
START_EVALUATION_BUTTON = "Start evaluatie"
DONE_BUTTON = "Afgerond"
DONE_INTRO = "Is de evaluatie gedaan? Dan plan ik de volgende volgens jullie evaluatieritme."
DONE_NOTE_LABEL = "Wat spraken jullie af? (optioneel)"
DONE_SUBMIT = "Evaluatie afronden"
POSTPONE_BUTTON = "Verzetten"
NEW_DATE_LABEL = "Nieuwe datum"
NEW_DATE_REQUIRED = "Kies een nieuwe datum."
REASON_LABEL = "Reden (optioneel)"
POSTPONE_SUBMIT = "Verzetten"
CALENDAR_BUTTON = "Agenda (.ics)"
NO_MORE_REMINDERS = "Geen herinneringen meer?"
NO_MORE_REMINDERS_INTRO = (
    "Zet de herinneringen voor deze samenwerking uit, of draag de samenwerking over aan een "
    "nieuwe accounthouder: die krijgt de herinneringen dan."
)
REMINDERS_OFF_BUTTON = "Herinneringen uitzetten"
REMINDERS_ON_BUTTON = "Herinneringen aanzetten"

# Evaluation moments: starting an evaluation
EVALUATION_HEADING = "Evaluatie van {name}"
EVALUATION_INTRO = (
    "Met het waarderingskader kijk je samen met je partners naar de samenwerking. "
    "De intakes hieronder helpen je de open punten op tafel te krijgen."
)
FRAMEWORK_HEADING = "Waarderingskader"
FRAMEWORK_BUTTON = "Bekijk het waarderingskader"
FRAMEWORK_ID = "waarderingskader"
EVALUATION_THEMES_HEADING = "Thema's om langs te lopen"
EVALUATION_THEMES_INTRO = "Doe per thema een korte intake; de open punten zijn je gespreksagenda."

# Evaluation moments: on the partnership card
EVALUATION_SECTION_HEADING = "Evaluatie"
NEXT_MOMENT_LINE = "Volgende: {moment}"
NO_NEXT_MOMENT = "Er is nog geen volgende evaluatie gepland."
NO_REACH = (
    "Geen bereik: {name} heeft Samenwerkwijzer nog niet geïnstalleerd, dus herinneringen "
    "komen niet aan."
)
REMINDERS_ARE_OFF = "Herinneringen staan uit voor deze samenwerking."
COMPLETED_HEADING = "Afgeronde evaluaties"
COMPLETED_NOTE = "{date}: {note}"
NO_COMPLETED = "Nog geen evaluaties afgerond."

# Evaluation moments: the weekly digest
DIGEST_HEADING = "Evaluatiemomenten: overzicht van week {week}"
DIGEST_OVERDUE = "Te laat"
DIGEST_NONE_OVERDUE = "Geen evaluaties te laat. Mooi zo!"
DIGEST_UPCOMING = "Komende {days} dagen"
DIGEST_NONE_UPCOMING = "Geen evaluaties in de komende {days} dagen."
DIGEST_LINE = "{name} · {kind} · {date} · {holder}"
DIGEST_NO_REACH = " · geen bereik"
DIGEST_UNDELIVERED = "Niet afgeleverde herinneringen"
DIGEST_UNDELIVERED_LINE = "{name} · evaluatie {date} · {holder}"
DIGEST_OPEN = "Samenwerking bekijken"


def reminder_heading(name: str, days: int) -> str:
    """'Over 7 dagen: evaluatie van X'; 1 is 'Morgen', 0 'Vandaag', below 0 'Te laat'."""
    if days < 0:
        return REMINDER_LATE.format(name=name)
    if days == 0:
        return REMINDER_TODAY.format(name=name)
    if days == 1:
        return REMINDER_TOMORROW.format(name=name)
    return REMINDER_IN_DAYS.format(days=days, name=name)


def evaluation_done_text(name: str, next_due: date | None) -> str:
    done = f"Genoteerd: de evaluatie van {name} is afgerond."
    if next_due is None:
        return (
            f"{done} Er is geen volgende evaluatie gepland; plan er een met Wijzigen bij de "
            "samenwerking."
        )
    return f"{done} De volgende staat op {dutch_date(next_due)}."


def evaluation_postponed_text(name: str, new_due: date) -> str:
    return f"Verzet: de evaluatie van {name} staat nu op {dutch_date(new_due)}."


def reminders_off_text(name: str) -> str:
    return (
        f"Oké, je krijgt geen herinneringen meer voor {name}. "
        "Je zet ze weer aan bij de samenwerking."
    )


def reminders_on_text(name: str) -> str:
    return f"Oké, je krijgt weer herinneringen voor {name}."


def evaluation_already_changed_text(name: str) -> str:
    """When a reminder's button concerns a moment that was completed or moved meanwhile."""
    return (
        f"De evaluatie van {name} is intussen al afgerond of verzet. "
        "Bekijk de samenwerking voor de actuele datum."
    )


# Conversation layer: confirmations, used and stale cards, interruptions

CONFIRM_DELETE = (
    "Weet je zeker dat je je gegevens wilt verwijderen? Dit kan ik niet ongedaan maken."
)
CONFIRM_DELETE_BUTTON = "Ja, verwijder"
CONFIRM_ARCHIVE = (
    "Weet je zeker dat je {name} wilt archiveren? Er komen dan geen herinneringen meer."
)
CONFIRM_ARCHIVE_BUTTON = "Ja, archiveer"
CONFIRM_STOP = "Wil je stoppen? De antwoorden die je al gaf, worden dan niet bewaard."
CONFIRM_STOP_BUTTON = "Ja, stop"
CANCEL_BUTTON = "Annuleren"
CONTINUED = "Je gaat verder waar je was."
SENT = "Verstuurd."
STORED_WELCOME = "Dat ik je in dit gesprek welkom heb geheten."
STORED_OPTIONS = "De vragen die ik je het laatst als keuze voorlegde."
STORED_DIALOG = "De antwoorden van je onafgemaakte intake of registratie."
STORED_REFERENCE = "Hoe ik je in Teams kan bereiken, voor herinneringen aan evaluaties."


def cancelled_text() -> str:
    return "Oké, ik laat alles zoals het was."


def already_handled_text() -> str:
    return "Dit is al afgehandeld."


def unusable_button_text() -> str:
    return "Deze knop werkt niet (meer). Typ je vraag, of typ help voor wat ik kan."


def stale_partnership_text() -> str:
    return "Deze samenwerking is gearchiveerd of bestaat niet meer. Typ mijn samenwerkingen."


def dialog_gone_text() -> str:
    return "Je intake kan niet verder: de vragen zijn intussen veranderd. Begin hem opnieuw."


def question_first_text(number: int) -> str:
    return f"Ik beantwoord eerst je vraag. Daarna gaan we verder met vraag {number}."


def resumed_text(number: int, total: int) -> str:
    return f"We gaan verder met vraag {number} van {total}."


def stored_partnerships_line(count: int) -> str:
    word = "samenwerking" if count == 1 else "samenwerkingen"
    return (
        f"Je naam en Teams-id bij {count} {word} waarvan je accounthouder bent "
        "of die je registreerde."
    )


def stored_intakes_line(count: int) -> str:
    word = "intake" if count == 1 else "intakes"
    return f"Dat jij {count} {word} invulde (de antwoorden zelf horen bij de samenwerking)."


# Small talk and situations

SMALLTALK_REPLIES = {
    "greeting": "Hallo! Ik help je bij samenwerkingen met andere organisaties. Stel je vraag in "
    "je eigen woorden, of beschrijf je samenwerking in een paar zinnen.",
    "thanks": "Graag gedaan!",
    "goodbye": "Tot ziens! Je kunt altijd terugkomen met een vraag.",
    "acknowledgement": "Fijn. Heb je nog een vraag? Typ hem gerust.",
    "yes_no": "Waar wil je het over hebben? Kies een thema, of typ je vraag.",
    "unclear_chat": "Ik help bij samenwerkingen met andere organisaties. Typ je vraag, "
    "of typ help om te zien wat ik kan.",
}
SITUATION_HEADING = "Dit is belangrijk voor jouw samenwerking"
SITUATION_INTRO = "Op basis van wat je schrijft, zijn dit de vragen om eerst te bekijken."
SITUATION_TEAMS = "Schakel deze teams in"
SITUATION_NEXT = "Hoe verder?"
SITUATION_REGISTER = "Registreer samenwerking"
QUESTION_BUTTON = "Vraag {number}"
REFERRAL_LINE = "Probeer het hier: {referral}"
LIKELY_TEAM_LINE = "Kom je er niet uit? Het team {team} weet hier waarschijnlijk meer van."


def smalltalk_text(kind: str | None) -> str:
    return SMALLTALK_REPLIES.get(kind or "", SMALLTALK_REPLIES["unclear_chat"])
