"""German grammar the recognisers need: function words, the gender of a head noun by its ending, and the
nominative of an inflected name. No names live here; the word endings are ordinary German morphology.
"""

from __future__ import annotations

import re

ARTICLES = frozenset({"der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "einem", "einen", "eines"})
PREPOSITIONS = frozenset(
    {"von", "vom", "mit", "bei", "beim", "durch", "an", "am", "in", "im", "für", "aus", "zu", "zum", "zur", "nach",
     "unter", "über", "neben", "vor", "gegenüber", "zwischen", "auf", "als", "seitens", "gemäß", "um", "gegen",
     "ins", "ans", "of", "by", "with", "for", "from", "to", "at", "on", "the", "and"}
)  # fmt: skip
# Prepositions that rarely stand before a name, for readers that need the whole closed class (genitive and
# less common ones; Duden, "Präposition").
MORE_PREPOSITIONS = frozenset(
    {"trotz", "wegen", "während", "ohne", "ab", "bis", "dank", "laut", "statt", "innerhalb", "außerhalb",
     "entlang", "hinter", "aufs"}
)  # fmt: skip
CONJUNCTIONS = frozenset({"und", "sowie", "oder", "bzw.", "and", "or", "&"})
# Prepositions after which a place name is a place, not an organisation ("in der Region Leipzig").
LOCATIVE = frozenset({"in", "im", "aus", "nach", "ins", "bei", "nahe", "zwischen"})
# Capitalised words that open a sentence or phrase but never a name.
SENTENCE_WORDS = frozenset(
    {"Am", "An", "Auf", "Aus", "Bei", "Beim", "Da", "Dabei", "Dafür", "Daher", "Damit", "Danach", "Das", "Dass",
     "Dem", "Den", "Denn", "Der", "Des", "Deshalb", "Die", "Diese", "Dieser", "Dieses", "Doch", "Durch", "Ein",
     "Eine", "Einer", "Eines", "Er", "Es", "Für", "Gemeinsam", "Hier", "Hierbei", "Hierfür", "Im", "In", "Ihr",
     "Ihre", "Mit", "Nach", "Neben", "Nun", "Ob", "Seit", "Sie", "So", "Sowie", "Um", "Und", "Unser", "Unsere",
     "Vom", "Von", "Vor", "Während", "Wenn", "Wer", "Wie", "Wir", "Zu", "Zum", "Zur", "Zwischen", "Über",
     "Als", "Auch", "Aber", "Alle", "Außerdem", "Zudem", "Ebenfalls", "Weitere", "Weiteren", "Entsprechend",
     "A", "And", "As", "At", "By", "For", "From", "However", "It", "Its", "Meanwhile", "Now", "Of",
     "On", "Our", "The", "This", "To", "We", "With"}
)  # fmt: skip
NUMBER_WORDS = frozenset(
    {"zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf", "zahlreiche",
     "mehrere", "viele", "weitere", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
)  # fmt: skip

FEMININE = (
    "ung", "heit", "keit", "schaft", "ion", "tät", "kammer", "region", "schule", "universität", "regierung",
    "agentur", "vereinigung", "stadt", "behörde", "kommission", "allianz", "initiative", "akademie", "stiftung",
    "gemeinde", "bank", "kirche", "partei", "gruppe", "fabrik", "hütte", "erei", "verwaltung", "einrichtung",
    "landesstelle", "stelle", "kanzlei", "wirtschaft", "industrie", "konferenz", "ag", "gmbh",
)  # fmt: skip
MASCULINE = (
    "bund", "verband", "verein", "senat", "kreis", "ausschuss", "rat", "dienst", "park", "verbund", "tag",
    "fonds", "konzern", "magistrat", "zirkel", "dialog", "pakt", "cluster", "hub", "club", "klub", "plan",
)  # fmt: skip
NEUTER = (
    "ministerium", "institut", "netzwerk", "zentrum", "amt", "forum", "bündnis", "werk", "büro", "dezernat",
    "kolleg", "unternehmen", "land", "parlament", "konsortium", "kuratorium", "gremium", "projekt", "centrum",
    "leitbild", "programm",
)  # fmt: skip
ENDINGS = FEMININE + MASCULINE + NEUTER

_ADJ_RE = re.compile(r"^([A-ZÄÖÜ][\w-]*?(?:isch|sch|lich|ig|al|ell|iv|är|ar|or|ent|ant|ist))(e|en|er|es|em)$")


# endings of German plural common nouns ("Institutionen", "Regionen", "Verwaltungen"): such a word before a name
# describes it ("die Institutionen IHK Köln und DGB") and is no part of it
PLURAL_NOUN_ENDINGS = ("ionen", "ungen", "heiten", "keiten", "schaften", "täten")


def is_plural_noun(word: str) -> bool:
    return word[:1].isupper() and word.lower().endswith(PLURAL_NOUN_ENDINGS)


def gender(noun: str) -> str | None:
    """'f', 'm' or 'n' for a head noun by its ending; None when the ending does not tell."""
    w = noun.lower().rstrip(".")
    best: tuple[int, str] | None = None
    for g, endings in (("f", FEMININE), ("m", MASCULINE), ("n", NEUTER)):
        for e in endings:
            if w.endswith(e) and (best is None or len(e) > best[0]):
                best = (len(e), g)
    return best[1] if best else None


def uninflect_head(word: str) -> str:
    """The nominative of a genitive head noun: "Bundesverbands" → "Bundesverband", "Bündnisses" → "Bündnis"."""
    low = word.lower()
    if low.endswith("nisses"):
        return word[:-3]
    if low.endswith(ENDINGS):
        return word  # already a known head ("Fonds", "Kreis")
    for cut in ("es", "s"):
        if (
            low.endswith(cut)
            and gender(word[: -len(cut)]) in ("m", "n")
            and word[: -len(cut)].lower().endswith(ENDINGS)
        ):
            return word[: -len(cut)]
    return word


def is_adjective(word: str) -> bool:
    return bool(_ADJ_RE.match(word))


def nominative(name: str, article: str = "") -> str:
    """A name as a careful reader writes it: genitive head noun undone, leading adjectives with the strong
    nominative ending of the head's gender ("des Deutschen Gewerkschaftsbundes" names the "Deutscher
    Gewerkschaftsbund", "der Evangelischen Kirche" the "Evangelische Kirche")."""
    words = name.split(" ")
    n_adj = 0
    while n_adj < len(words) - 1 and _ADJ_RE.match(words[n_adj]):
        n_adj += 1
    head_i = n_adj
    # place adjectives ("Hamburger", "Frankfurter") do not decline; the head follows them
    while (
        head_i < len(words) - 1
        and re.fullmatch(r"[A-ZÄÖÜ][\w-]*er", words[head_i])
        and gender(words[head_i]) is None
        and words[head_i + 1][:1].isupper()
    ):
        head_i += 1
    if head_i < len(words):
        words[head_i] = uninflect_head(words[head_i])
        head = words[head_i]
        if head.endswith("-") and head_i + 2 < len(words) and words[head_i + 1] == "und":
            head = words[head_i + 2]  # "Deutschen Industrie- und Handelskammer": the head is the last part
        g = gender(head)
        ending = {"f": "e", "m": "er", "n": "es"}.get(g or "")
        if n_adj and ending:
            for i in range(n_adj):
                m = _ADJ_RE.match(words[i])
                # "-e" after "dem"/"den"/"des" is not a German ending ("dem Automotive Cluster"): keep it
                if m.group(2) == "e" and article not in ("der", "das", "die", ""):
                    continue
                if m.group(2) == "e" and g == "f":
                    continue
                words[i] = m.group(1) + ending
    return " ".join(words)


ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(numeral: str) -> int:
    """The value of a Roman numeral ("IV" → 4), for numbered sections."""
    total, prev = 0, 0
    for ch in reversed(numeral.upper()):
        v = ROMAN[ch]
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total
