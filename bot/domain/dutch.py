"""Dutch (and a little English) text normalisation: the language part of matching."""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("dutch")
_OWN_GE_STEMMER = snowballstemmer.stemmer("dutch_porter")  # keeps a word's start
_JOINED_AMPERSAND = re.compile(r"(?<=\w)&(?=\w)")
_APOSTROPHE = re.compile(r"(?<=\w)['\u2019`](?=\w)")
_WORD = re.compile(r"[a-z0-9]+")

STOP_WORDS = frozenset(
    """
    aan al alle alles als altijd andere ben bij daar daarbij daarin daarom dan dat de deze die dit
    doe doen doet door dus een eens eigenlijk en er ga gaan gaat geen had heb hebben heeft het hier
    hij hoe hoeveel hun iemand iets  in is ja je jij jou jouw jullie kan kun kunnen maar  meer
    met   moet moeten mogen mag na naar niet nog nou nu of om omdat onder ons onze ook op
    over precies te tegen toch toe tot u uit uw van veel voor waar waarom wanneer wat we wel welk
    welke wie wij wil willen word worden wordt zal ze zelf zich zij zijn zo zodat zou zouden zullen
    eigen even graag hallo hoi dag beste bedankt dank alvast super handig goed er erg heel
    laten laat liet zien gedaan elk elke per eens zoiets straks gewoon
    erin eruit erop erbij ermee ervan erover ervoor erna eraan daarmee daarvoor daarover daaraan
    hierin hiervoor hiermee hierover hieraan waarin waarmee waarvoor waarover waaraan
    zoals echter dus daardoor terwijl want wanneer iemand niemand iedereen allemaal
    ieder iedere af mee hen hem haar men geweest kon konden waren werd werden niets reeds toen
    wezen der doch ge
    a an and are can do does for from have how i if in is it me my of on or please should the
    to we what when where which who why will with you your our us be is this that there these
    those any has had was were would could need want about at as by into so than then them they
    their its it also just get got need any some there here
    """.split()
)

# Words that stand between the words of a phrase without changing it ("doet het weer eens niet").
FILLERS = frozenset("alweer eens echt even gewoon nou steeds toch weer".split())

# Words that mark a text as English (not Dutch): there "OR" and "IT" are no acronyms.
ENGLISH_MARKERS = frozenset(
    """
    the and are does should what who how with our this that which there need want
    would could can you they my your their will to for i im ive hows whats its going please
    thanks hello hi hey about any from have has
    """.split()
)


def normalize(text: str) -> str:
    """Lower case, accents removed, 'P&O' kept as one word, punctuation as spaces."""
    text = text.lower()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(char for char in text if not unicodedata.combining(char))
    text = _APOSTROPHE.sub("", _JOINED_AMPERSAND.sub("", text))
    return " ".join(_WORD.findall(text))


def words(text: str) -> list[str]:
    return normalize(text).split()


# Words whose ge- is their own, not a past participle's: the stemmer would make 'gemeente' of
# 'meen', 'gezin' of 'zin', 'gewoon' of 'woon' and 'gegevens' of 'geven'.
_OWN_GE = tuple(
    "gebied gebouw gebruik gedachte gedrag gegeven geheel gehele gelijk geloof gemeen"
    " genoeg geschikt gesprek geval gevolg gewon gewoon gezag gezamenlijk gezin gezond".split()
)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    stemmed: str = (_OWN_GE_STEMMER if word.startswith(_OWN_GE) else _STEMMER).stemWord(word)
    return stemmed


# Words whose stem would be a different word of the thesaurus ('gelden' is not 'geld',
# 'stukken' (documents) is not 'stuk' (a piece: "een stuk grond")).
_KEEP_WHOLE = frozenset({"gelden", "lossen", "bewegen", "wegen", "stukken"})


@lru_cache(maxsize=65536)
def light_stem(word: str) -> str:
    """Plural and inflection endings only ('werkplekken' -> 'werkplek', 'risicos' -> 'risico'):
    how thesaurus words are matched, stricter than the stemmer ('halen' is not 'haalbaar')."""
    if word in _KEEP_WHOLE:
        return word
    if len(word) > 5 and word.endswith("en"):
        word = word[:-2]
        if len(word) > 2 and word[-1] == word[-2] and word[-1] not in "aeiou":
            word = word[:-1]
        return word
    if len(word) > 3 and word[-1] == "s":
        word = word[:-1]  # a plural -s, then a final -e: 'pasjes' and 'pasje' both 'pasj'
    if len(word) > 4 and word[-1] == "e":
        return word[:-1]
    return word


# "ik" without "we": a question about one's own affairs (password, salary, leave) more often
# than about a partnership.
SINGULAR_PERSON = frozenset("ik mijn me mij mezelf mijzelf i my me mine myself".split())
PLURAL_PERSON = frozenset("we wij ons onze our us".split())


# "mijn wethouder", "my staff": one speaks for the organisation, not of one's own affairs.
WORK_POSSESSIONS = frozenset(
    "wethouder wethouders bestuurder portefeuillehouder burgemeester mensen medewerkers"
    " collegas alderman staff colleagues".split()
)


# Compound tails that add little meaning: 'lobbywerk' is lobby, 'de privacykant' privacy.
LIGHT_TAILS = frozenset(
    "werk werkzaamheden zaken kant stuk traject proces activiteiten vraagstuk vraagstukken"
    " aspect aspecten onderdeel taak taken".split()
)
OWN_PARTNER = frozenset({("mijn", "partner"), ("my", "partner")})  # one's spouse


def is_personal(tokens: list[str]) -> bool:
    """First person singular, no 'we', no word about the partnership itself ('mijn partner'
    is one's own), and not for a work role ('mijn wethouder')."""
    present = set(tokens)
    return (
        bool(present & SINGULAR_PERSON)
        and not present & PLURAL_PERSON
        and not any(
            token.startswith("samenwerk")
            or (token.startswith("partner") and (before, token) not in OWN_PARTNER)
            for before, token in itertools.pairwise(["", *tokens])
        )
        and not any(
            word in ("mijn", "my") and after in WORK_POSSESSIONS
            for word, after in itertools.pairwise(tokens)
        )
    )


# "geen geld", "zonder personeel", "no personal data": what the negation's next words name is
# not involved, unless it is not there yet ("nog geen") or no longer ("geen geld meer").
NEGATIONS = frozenset("geen zonder no without noch nor".split())
NEGATION_REACH = 3  # words after the negation that it covers: "geen financiele bijdrage"
_NEGATION_ENDS = frozenset("en and maar but wel".split())
_NOT_YET = frozenset("nog yet".split())
_NO_LONGER = frozenset("meer more longer".split())
_CLAUSE = re.compile(r"[.,;:!?()\n]+")


def negated_positions(text: str) -> frozenset[int]:
    """The positions (in `words(text)`) of the words a negation covers, within its clause."""
    negated: set[int] = set()
    start = 0
    for clause in _CLAUSE.split(text):
        tokens = words(clause)
        for at, token in enumerate(tokens):
            if token not in NEGATIONS or (at and tokens[at - 1] in _NOT_YET):
                continue
            scope: list[int] = []
            for after in range(at + 1, min(at + 1 + NEGATION_REACH, len(tokens))):
                if tokens[after] in _NEGATION_ENDS:
                    break
                scope.append(after)
            if not any(tokens[index] in _NO_LONGER for index in scope):
                negated.update(start + index for index in scope)
        start += len(tokens)
    return frozenset(negated)


def rest_after(text: str, word_count: int) -> str | None:
    """The original text after its first `word_count` words, without leading punctuation
    ('aandacht, de bijdrage is onduidelijk' after one word: 'de bijdrage is onduidelijk')."""
    rest = text.strip()
    for _ in range(word_count):
        parts = re.split(r"[\s.,;:!?/]+", rest, maxsplit=1)
        rest = parts[1] if len(parts) > 1 else ""
    rest = rest.strip(" \t.,;:-\u2013")
    return rest or None


_SENTENCE_BREAK = re.compile(r"(?<=[.!?;])\s+|\n+")


def split_sentences(text: str) -> list[str]:
    """The sentences of a text: split after . ! ? ; and at line breaks, empty ones dropped."""
    return [part.strip() for part in _SENTENCE_BREAK.split(text) if part.strip()]


PUNCTUATION = ".,;:!?()[]\"'\u201c\u201d\u2018\u2019"  # around a word as typed


def as_typed(chunk: str) -> str:
    """A whitespace-separated chunk of a text without the punctuation around it."""
    return chunk.strip(PUNCTUATION)


def phrases(texts: list[str]) -> tuple[tuple[str, ...], ...]:
    """Each text as its words, the empty ones left out."""
    return tuple(tuple(words(text)) for text in texts if words(text))


def starts_with(tokens: list[str], phrase: tuple[str, ...]) -> bool:
    return tuple(tokens[: len(phrase)]) == phrase


def contains_any(tokens: list[str], candidates: tuple[tuple[str, ...], ...]) -> bool:
    """Whether one of the phrases occurs in the tokens; each is looked for only where its
    first word stands."""
    positions: dict[str, list[int]] = {}
    for position, token in enumerate(tokens):
        positions.setdefault(token, []).append(position)
    return any(
        tuple(tokens[start : start + len(phrase)]) == phrase
        for phrase in candidates
        for start in positions.get(phrase[0], ())
    )
