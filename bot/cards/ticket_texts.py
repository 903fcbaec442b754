"""Every fixed sentence and button label of 'Vraag een expert' (tickets), in one place.

Constants and small functions only; they move into content/messages.yaml later.
"""

from __future__ import annotations

# --- buttons (at most 30 characters) ------------------------------------------------------

ASK_EXPERT = "Vraag een expert"
SEND_QUESTION = "Vraag versturen"
PICK_UP = "Oppakken"
ANSWER = "Beantwoorden"
SEND_ANSWER = "Antwoord versturen"
FORWARD = "Doorsturen"
SEND_FORWARD = "Doorsturen naar dit team"
CLOSE = "Sluiten"
RESOLVED = "Opgelost"
FOLLOW_UP = "Nog een vraag"
SEND_FOLLOW_UP = "Vervolgvraag versturen"

# --- asking ---------------------------------------------------------------------------------

ASK_OFFER = "Kom je er zo niet uit? Stel je vraag aan een expertteam."
FORM_TITLE = "Vraag een expert"
FORM_INTRO = (
    "Controleer je vraag en kies het team. Het team ziet je naam en je vraag en antwoordt hier."
)
QUESTION_LABEL = "Je vraag"
TEAM_LABEL = "Welk team?"
PARTNERSHIP_LABEL = "Over welke samenwerking? (niet verplicht)"
NO_PARTNERSHIP = "Geen"
QUESTION_MISSING = "Typ eerst je vraag in het vak, en verstuur het formulier dan opnieuw."
UNKNOWN_TEAM = "Dat team ken ik niet. Kies een team uit de lijst."
SENT_NOTE = "Verstuurd."


def asked_text(team: str) -> str:
    return f"Je vraag staat bij {team}. Je krijgt hier antwoord."


def unrouted_text(team: str) -> str:
    return (
        f"{team} heeft nog geen kanaal voor vragen in Teams. Neem rechtstreeks contact op; "
        "je vraag is bewaard en de beheerders zien hem."
    )


# --- the ticket card in the channel --------------------------------------------------------

STATUS_LABELS = {
    "nieuw": "Nieuw",
    "opgepakt": "Opgepakt",
    "beantwoord": "Beantwoord",
    "gesloten": "Gesloten",
    "heropend": "Heropend",
}
ASKER_FACT = "Gesteld door"
PARTNERSHIP_FACT = "Samenwerking"
ITEM_FACT = "Checklistvraag"
STATUS_FACT = "Status"
ANSWER_HEADING = "Antwoord"
FOLLOW_UP_HEADING = "Vervolgvraag"
ANSWER_LABEL = "Je antwoord (de vrager krijgt het in een persoonlijk bericht)"
FORWARD_TEAM_LABEL = "Naar welk team?"
FORWARD_NOTE_LABEL = "Toelichting voor het andere team"
ANONYMOUS = "(naam verwijderd)"


def ticket_title(ticket_id: int) -> str:
    return f"Vraag #{ticket_id}"


def status_line(status: str, picked_up_by: str | None) -> str:
    label = STATUS_LABELS.get(status, status)
    return f"{label} (door {picked_up_by})" if status == "opgepakt" and picked_up_by else label


def forwarded_away_text(team: str) -> str:
    return f"Doorgestuurd naar {team}."


def forwarded_note_text(team: str, note: str) -> str:
    return f"Doorgestuurd door {team}: {note}" if note else f"Doorgestuurd door {team}."


def follow_up_text(asker: str) -> str:
    return f"Vervolgvraag van {asker}:"


def reminder_text(days: int) -> str:
    return f"Deze vraag staat al meer dan {days} werkdagen open. Wie pakt hem op?"


# --- the asker's updates in personal chat ---------------------------------------------------


def picked_up_text(by: str, team: str) -> str:
    return f"{by} van {team} heeft je vraag opgepakt."


def answered_heading(team: str) -> str:
    return f"Antwoord van {team}"


def forwarded_text(team: str) -> str:
    return f"Je vraag is doorgestuurd naar {team}. Je krijgt hier antwoord."


def closed_text(team: str) -> str:
    return f"{team} heeft je vraag gesloten. Heb je toch nog een vraag? Stel hem hieronder."


FOLLOW_UP_LABEL = "Je vervolgvraag"
YOUR_QUESTION = "Je vraag"
RESOLVED_TEXT = "Fijn dat je verder kunt. Ik heb de vraag gesloten."
FOLLOW_UP_MISSING = "Typ eerst je vervolgvraag in het vak, en verstuur hem dan opnieuw."


def follow_up_sent_text(team: str) -> str:
    return f"Je vervolgvraag staat bij {team}. Je krijgt hier antwoord."


# --- refusals -------------------------------------------------------------------------------


def not_yours_text(team: str) -> str:
    return (
        f"Alleen {team} kan deze vraag oppakken, beantwoorden, doorsturen of sluiten, vanuit "
        "het eigen kanaal van het team."
    )


NOT_THE_ASKER = "Alleen wie de vraag stelde kan dit doen, in de persoonlijke chat met mij."
UNKNOWN_TICKET = "Die vraag bestaat niet meer: gesloten vragen worden na een tijd verwijderd."
ANSWER_MISSING = "Typ eerst je antwoord in het vak, en verstuur het dan opnieuw."
FORWARD_SAME_TEAM = "De vraag staat al bij dit team. Kies een ander team om hem door te sturen."


def wrong_state_text(status: str) -> str:
    return f"Dat kan niet meer: de vraag is intussen {STATUS_LABELS.get(status, status).lower()}."


# --- channel bindings ------------------------------------------------------------------------

BIND_ONLY_IN_CHANNEL = (
    "Koppel een kanaal vanuit dat kanaal zelf: voeg mij toe aan het team en typ daar "
    "'@Samenwerkwijzer koppel dit kanaal aan JUR'."
)
BIND_NOT_ALLOWED = "Alleen een beheerder van Samenwerkwijzer kan kanalen koppelen en ontkoppelen."
BIND_WHICH_TEAM = "Aan welk team? Bijvoorbeeld: koppel dit kanaal aan JUR."
NO_BINDINGS = "Er zijn nog geen kanalen gekoppeld aan een expertteam."
BINDINGS_HEADING = "Gekoppelde kanalen"
ENDED_HEADING = "Door Teams ontkoppeld (kanaal of team verwijderd)"


def unknown_team_text(codes: list[str]) -> str:
    return f"Dat team ken ik niet. Kies een van: {', '.join(codes)}."


def bound_text(team: str, unrouted: int) -> str:
    text = f"Dit kanaal is gekoppeld aan {team}. Vragen aan {team} komen voortaan hier."
    if unrouted == 1:
        text += " De vraag die al op een kanaal wachtte, zet ik er nu in."
    elif unrouted:
        text += f" De {unrouted} vragen die al op een kanaal wachtten, zet ik er nu in."
    return text


def unbound_text(team: str) -> str:
    return f"{team} is ontkoppeld. Nieuwe vragen aan dit team bewaar ik voor de beheerders."


def not_bound_text(team: str) -> str:
    return f"{team} is aan geen kanaal gekoppeld."


def binding_line(team: str, channel: str) -> str:
    return f"{team}: kanaal {channel}"


def ended_line(team: str, reason: str, at: str) -> str:
    return f"{team}: {ENDED_REASONS.get(reason, reason)} op {at}"


ENDED_REASONS = {
    "channel_deleted": "kanaal verwijderd",
    "bot_removed": "app uit het team verwijderd",
    "team_deleted": "team verwijderd",
    "team_archived": "team gearchiveerd",
    "unreachable": "kanaal niet meer bereikbaar",
}

# --- privacy and the digest ------------------------------------------------------------------


def stored_tickets_line(count: int) -> str:
    return f"Je vragen aan expertteams ({count}), met je naam, zodat het team je kan antwoorden"


def stored_ticket_line(ticket_id: int, status: str, question: str) -> str:
    return f"Vraag #{ticket_id} ({STATUS_LABELS.get(status, status).lower()}): {question}"


STORED_LAST_QUESTION = "Je laatste vraag, zodat je hem aan een expert kunt voorleggen"
DIGEST_TICKETS = "Open vragen aan expertteams"
DIGEST_NO_TICKETS = "Geen open vragen."


def digest_ticket_line(team: str, count: int) -> str:
    return f"{team}: {count}"
