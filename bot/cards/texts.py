"""The fixed Dutch texts of the cards, in one place so wording is edited once.

Texts that the governance network maintains (clarify intro, out-of-scope reply, the
placeholder-contact note, headings of the answer card) come from content/messages.yaml.
"""

from __future__ import annotations

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
    "expertteam je kunt inschakelen."
)
SCOPE_LINE = "Ik ken {questions} checklistvragen in {themes} thema's."
EXAMPLES_HEADING = "Stel je vraag in je eigen woorden, of probeer er een:"
HELP_COMMANDS = "Je kunt ook typen: thema's, experts, privacy of help."
MENU_HEADING = "Of kies:"
MENU = (
    ("Thema's", "thema's"),
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
