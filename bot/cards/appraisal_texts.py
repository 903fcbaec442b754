"""The fixed Dutch texts of the appraisal (waarderingskader): constants and small functions.

Kept in one module so that they move into content/messages.yaml in one go.
"""

from __future__ import annotations

from datetime import date

from bot.domain.dates import MONTHS

# Starting
LIST_HEADING = "Evaluatie met het waarderingskader"
LIST_INTRO = (
    "Kies de samenwerking die je wilt waarderen. Je beoordeelt negen onderdelen en krijgt "
    "daarna een overzicht met wat je als volgende stap kunt doen. Dat duurt ongeveer "
    "15 minuten."
)
LIST_EMPTY = "Je hebt nog geen samenwerkingen in het register."
OTHER_PARTNERSHIP_BUTTON = "Andere samenwerking"
OTHER_PARTNERSHIP_HINT = (
    "Staat de samenwerking er niet bij? Waardeer haar toch en registreer haar daarna."
)
FORM_MODE_BUTTON = "Liever een formulier"
FORM_MODE_WORD = "formulier"
STEPS_MODE_BUTTON = "Stap voor stap"
START_BUTTON = "Evaluatie starten"

# Step by step
QUESTION_OF = "Vraag {index} van {total}"
NAME_QUESTION = "Hoe heet de samenwerking die je wilt waarderen?"
NAME_HINT = "Typ een korte naam die iedereen herkent. Registreren kan na afloop."
NAME_RETRY = "Typ de naam van de samenwerking, of typ stop."
OPENING_HEADING = "Eerst een open vraag"
OPENING_TYPE = "Typ je antwoord in de chat."
CELL_ASK = "Hoe staat het ervoor?"
CELL_TYPING_HINT = (
    "Kies een knop of typ sterk, voldoende, aandacht, zorg of weet niet. Zet er een notitie "
    "achter als je wilt: 'aandacht, de bijdrage is nog onduidelijk'."
)
CHOICE_TYPING_HINT = "Kies een knop of typ je antwoord."
NOTE_LINE = "Notitie: {note}"
SKIP = ("Overslaan", "overslaan")
BACK = ("Terug", "terug")
STOP = ("Stop", "stop")
YES_NO = (("Ja", "ja"), ("Nee", "nee"))
RETRY_RATING = "Dat herken ik niet als oordeel. Kies een knop of typ bijvoorbeeld voldoende."
RETRY_CHOICE = "Dat herken ik niet als een van de keuzes. Kies een knop of typ het nummer."
RETRY_YES_NO = "Dat herken ik niet. Antwoord met ja of nee."

# The forms
FORM_HEADING = "Waardering van {name}"
FORM_PART = "Deel {index} van {total}: {perspective}"
FORM_INTRO = "Vul in wat je weet. Een onderdeel zonder oordeel telt als 'Weet ik niet'."
NAME_LABEL = "Naam van de samenwerking"
NAME_REQUIRED = "Vul de naam van de samenwerking in."
OPENING_LABEL = "Jouw antwoord"
RATING_LABEL = "Oordeel"
NOTE_LABEL = "Notitie (optioneel)"
NEXT_FORM_BUTTON = "Volgende"
SEND_BUTTON = "Versturen"
CLOSING_HEADING = "Tot slot"

# Resume, stop, help
RESUME_QUESTION = (
    "Je was nog bezig met de waardering van {name} (vraag {index} van {total}). "
    "Verdergaan of opnieuw beginnen?"
)
RESUME_FORM_QUESTION = (
    "Je was nog bezig met de waardering van {name} (deel {index} van {total} van het "
    "formulier). Verdergaan of opnieuw beginnen?"
)
RESUME_BUTTON = "Verdergaan"
DISCARD_BUTTON = "Opnieuw beginnen"
NEW_PARTNERSHIP_NAME = "een nieuwe samenwerking"


def resumed_text(name: str, index: int, total: int, *, form: bool = False) -> str:
    where = "deel" if form else "vraag"
    return f"We gaan verder met de waardering van {name}, bij {where} {index} van {total}."


def stopped_text() -> str:
    return (
        "Oké, ik ben gestopt met de waardering. Er is niets bewaard; typ evaluatie om "
        "opnieuw te beginnen."
    )


def help_text() -> str:
    return (
        "Zo beantwoord je de vragen van de waardering in de chat:\n\n"
        "- **sterk**, **voldoende**, **aandacht**, **zorg** of **weet niet**: je oordeel; "
        "typ er een notitie achter als je wilt\n"
        "- **rustig** of **onrustig**, **ja** of **nee**, of de naam van de fase: bij de "
        "laatste vragen\n"
        "- **overslaan**: deze vraag overslaan\n"
        "- **terug**: de vorige vraag opnieuw\n"
        "- **stop**: stoppen; er wordt dan niets bewaard\n"
        "- **help**: deze uitleg"
    )


# The result
RESULT_HEADING = "Waardering van {name}"
RESULT_DATE = "Ingevuld op {date}"
COMPARED_WITH = (
    "Pijlen: vergeleken met de vorige waardering van {date} (↑ beter, ↓ slechter, = gelijk)."
)
FIRST_APPRAISAL = "Dit is de eerste waardering van deze samenwerking."
OPENING_RESULT = "Grootste kwetsbaarheid en meeste potentieel"
TREND_WORDS = {"up": "↑ beter", "down": "↓ slechter", "same": "= gelijk"}
TREND_ARROWS = {"up": "↑", "down": "↓", "same": "="}
FACT_WATERS = "Vaarwater"
FACT_OWN_CHANGE = "Aanpassing eigen organisatie"
FACT_PHASE = "Fase"
FACT_COOPERATION = "Soort samenwerking"
NOT_ANSWERED = "niet ingevuld"
YES = "Ja"
NO = "Nee"
WEAKEST_HEADING = "Kijk eerst naar"
NO_WEAK_CELLS = (
    "Geen onderdeel scoort 'Aandacht nodig' of 'Zorgelijk'. Mooi zo! Houd vast wat goed gaat."
)
WEAK_LINE = "{perspective} · {cell}: {rating}"
NEXT_STEPS_HEADING = "Volgende stap: managen in en van netwerken"
CHECKLIST_HEADING = "Vragen uit de checklist die helpen"
INTAKES_HEADING = "Doe een intake"
INTAKE_BUTTON = "Intake {theme}"
EXPERTS_HEADING = "Schakel deze expertteams in"
MARKDOWN_BUTTON = "Samenvatting als tekst"
OPEN_PARTNERSHIP_BUTTON = "Bekijk de samenwerking"
REGISTER_BUTTON = "Samenwerking registreren"
REGISTER_HINT = (
    "Deze samenwerking staat nog niet in het register. Registreer haar, dan krijg je "
    "herinneringen voor de volgende evaluatie."
)
MOMENT_EVENT_NOTE = "Waardering met het waarderingskader"


def moment_done_text(next_due: str | None) -> str:
    """`next_due`: the next moment as a Dutch date, or None when there is no rhythm."""
    if next_due is None:
        return (
            "Het evaluatiemoment is afgerond. Er is geen volgende gepland; plan er een met "
            "Wijzigen bij de samenwerking."
        )
    return f"Het evaluatiemoment is afgerond. Het volgende staat op {next_due}."


def moment_kept_text(due: str) -> str:
    return f"Het evaluatiemoment van {due} blijft staan: deze waardering komt erbij."


def phase_changed_text(phase: str) -> str:
    return f"De fase in het register is nu: {phase}."


# Moving the phase back
PHASE_BACK_QUESTION = (
    "Je koos de fase {answered}. In het register staat {current}. "
    "Wil je de fase terugzetten naar {answered}?"
)
PHASE_BACK_BUTTON = "Ja, fase terugzetten"
PHASE_KEEP_BUTTON = "Nee, laten staan"


def phase_moved_back_text(name: str, phase: str) -> str:
    return f"De fase van {name} is nu {phase}."


# On the partnership card
SECTION_HEADING = "Belang en waardering"
IMPORTANCE_LINE = "Belang voor raad en college: {importance}"
IMPORTANCE_UNSET = "nog niet bepaald"
IMPORTANCE_BUTTON = "Belang bepalen"
IMPORTANCE_LABEL = "Hoe belangrijk is deze samenwerking voor raad en college?"
IMPORTANCE_SAVE = "Opslaan"


def importance_set_text(name: str, importance: str | None) -> str:
    if importance is None:
        return f"Het belang van {name} is niet meer bepaald."
    return f"Genoteerd: {name} is nu {importance.lower()} voor raad en college."


LAST_APPRAISAL = "Laatste waardering: {date}"
NO_APPRAISAL = "Nog geen waardering met het waarderingskader."
SHOW_BUTTON = "Laatste waardering"

# The Markdown summary
MD_PARTNERSHIP = "Samenwerking: {name}"
MD_DATE = "Datum: {date}"
MD_PREVIOUS = "Vorige waardering: {date}"
MD_FORM = "Vorm: {form}"
MD_HOLDER = "Accounthouder: {name}"
MD_IMPORTANCE = "Belang voor raad en college: {importance}"
MD_GRID = "Oordeel per onderdeel"
MD_TABLE_HEAD = "| | {columns} |"
MD_NOTES = "Notities"
MD_CLOSING = "Tot slot"
MD_NEXT_STEPS = "Volgende stappen"
MD_CHECKLIST = "Vragen uit de checklist"
MD_INTAKES = "Intakes"
MD_EXPERTS = "Expertteams"

# Privacy


def stored_appraisals_line(count: int) -> str:
    word = "waardering" if count == 1 else "waarderingen"
    return f"Dat jij {count} {word} invulde (de oordelen zelf horen bij de samenwerking)."


# Errors
NOT_AVAILABLE = "De waardering met het waarderingskader is hier niet beschikbaar."
UNKNOWN_APPRAISAL = "Die waardering kan ik niet (meer) vinden."


STOP_QUESTION = (
    "Weet je zeker dat je wilt stoppen? De antwoorden van deze evaluatie worden dan niet bewaard."
)


def dutch_date(value: date) -> str:
    """'23 november 2026' (until these texts move into content/messages.yaml)."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
