from __future__ import annotations

import pytest

from bot.domain.models import TaskRequests
from bot.domain.requests import RequestRecogniser

REQUESTS = TaskRequests(
    commands=["schrijf", "plan een", "vat samen"],
    openers=["kun je", "even", "please"],
    verbs=["vertalen", "reserveren"],
    own=["vragen", "wat ik moet"],
)


@pytest.mark.parametrize(
    "text",
    [
        "schrijf een uitnodiging voor de kick-off met de partners",
        "Plan een overleg met de drie wethouders",
        "kun je deze mail aan de partners vertalen naar het Engels?",
        "Kun je even schrijf een mail",  # openers stack
        "Hier zijn mijn aantekeningen. Schrijf er een verslag van.",
        "please reserveren voor dinsdag",
        "Kun je deze mail vertalen? Het gaat over de samenwerking.",  # the request asks
    ],
)
def test_a_command_or_a_polite_request_is_recognised(text):
    assert RequestRecogniser(REQUESTS).asks(text)


@pytest.mark.parametrize(
    "text",
    [
        "wat moet ik schrijven in de dienstverleningsovereenkomst",  # no command at the start
        "plan van aanpak: wie zit in de stuurgroep?",  # 'plan een' is listed, 'plan' is not
        "moeten we de zaal zelf reserveren of doet de partner dat",  # a verb, not asked politely
        "kun je uitleggen wat een DVO is",  # polite, but no request verb
        "kun je een uitnodiging schrijven",  # 'schrijven' is no verb of these requests
        "schrijf de vragen over privacy voor me op",  # asks for what the bot gives itself
        "kun je even reserveren wat ik moet regelen",
        "Schrijf een mail aan de partners. Wie gaat de communicatie doen?",  # asks as well
    ],
)
def test_a_question_is_no_request(text):
    assert not RequestRecogniser(REQUESTS).asks(text)


def test_without_content_nothing_is_a_request():
    assert not RequestRecogniser(None).asks("schrijf een mail")
