"""The controlled topic vocabulary and a matcher from German free text to its concepts.

Initiatives name their focus areas in their own words ("Fachkräfte sichern und gewinnen",
"Vernetzung der Akteure", "Wasserstoff"), the Masterplan states measures in prose. Both must
meet on the same concepts so an analyst can ask "which measures address hydrogen" and "who
else works on it". The vocabulary is declared once, as data, below (``VOCABULARY``): a shallow
hierarchy (top concepts and one level of narrower ones, ``broader`` links) that exports
directly to a SKOS ConceptScheme.

Matching rules (why they are what they are):

* Text and patterns are *normalised* alike: NFC, lower case, ä/ö/ü -> ae/oe/ue, ß -> ss,
  dashes -> "-", soft hyphens dropped, URLs removed (a footnote URL ".../wasserstoff/" or
  "h2-hh.de" is not a statement about hydrogen). "Fachkraefte" and "Fachkräfte" are one word.
* German compounds and inflection: a pattern is a regular expression over normalised text;
  without an anchor it matches anywhere inside a word, so the stem "wasserstoff" finds
  "Wasserstoffwirtschaft", "wasserstoffbasierte", "Hamburger Wasserstoff-Industrie-Netz",
  and "fachkr(ä|a)ft" finds "Fachkräftegewinnung", "IT-Fachkräfte". A leading ``^`` ties the
  pattern to the start of a word (or of a hyphenated part: "H2-Mobilität"), a trailing ``$``
  to its end, ``=`` to both (short tokens: "H2", "KI", "MINT", "5G"); ``!`` requires the
  pattern to be the *whole* text (a profile bullet that reads just "Gründung" means
  start-ups, "Motivation und Prozess der Gründung" does not). A space in a pattern matches
  any run of blanks, hyphens or slashes, so "^luft und raumfahrt" also matches the elided
  "Luft- und Raumfahrt".
* Lost ligatures: PDF extraction turned "ti", "ft", "tt", ... into U+FFFD
  ("Transforma\ufffdon"). Each damaged word is expanded with the ligature letters that give
  the most concept hits (ties: the most common ligature), so raw lines match like repaired ones.
* False positives are avoided by anchoring, not by dropping concepts: "Energie" matches
  inside compounds (Energieeffizienz and Energiewende *are* energy topics; "Synergie" does
  not contain "energie"), but "Klima" only at a word start (not "Betriebsklima",
  "Investitionsklima"), "Gründung" only as a whole bullet, "Metall"/"Chemie"/"Energie" not
  in union names (IG Metall, IG Bergbau, Chemie, Energie), "Bürger" not in "Bürgermeister"
  or "Bürgerschaft". Bare "Verwaltung" and "Wissenschaft" are deliberately *not* patterns:
  in these documents they almost always name actors ("Akteure aus Wissenschaft, Wirtschaft,
  Politik, Verwaltung"), not topics; "Verwaltungsprozesse", "Genehmigungsverfahren",
  "Forschung", "Hochschule" are. "Nachhaltig" as an adverb ("nachhaltig stärken") is not
  sustainability; "Nachhaltigkeit" and "nachhaltige Wertschöpfung/Entwicklung/..." are.
* ``match`` returns only the concepts whose patterns occur, never their broader concepts:
  callers expand with ``broader_chain`` / ``descendants`` (e.g. Energie includes Wasserstoff).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

SCHEME_ID = "industriethemen"
SCHEME_LABEL = "Themen regionaler Industrieinitiativen und industriepolitischer Maßnahmen"


@dataclass(frozen=True)
class Concept:
    """One topic: slug id, German preferred label, broader concept, synonyms and match patterns."""

    id: str
    label: str
    broader: str | None = None
    alt_labels: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    exclude: tuple[str, ...] = field(default=(), repr=False)

    @property
    def pref_label(self) -> str:
        return self.label


def _c(id_: str, label: str, broader: str | None, alt: str, keywords: str, exclude: str = "") -> Concept:
    """Compact declaration: alt labels separated by ';', patterns and exclusions by ' | '."""
    split = lambda s, sep: tuple(p.strip() for p in s.split(sep) if p.strip())  # noqa: E731
    return Concept(id_, label, broader, split(alt, ";"), split(keywords, " | "), split(exclude, " | "))


# fmt: off
VOCABULARY: tuple[Concept, ...] = (
    # --- Wirtschaftsstandort ------------------------------------------------------------
    _c("wirtschaftsstandort", "Stärkung des Wirtschaftsstandortes", None,
       "Stärkung des Wirtschaftsstandorts; Standortsicherung; Standortentwicklung; Wirtschaftsförderung",
       "wirtschaftsstandort | industriestandort | produktionsstandort | ^standort(e|es|s|en)?$ | standortsicher"
       " | standortentwickl | standortstaerk | standortpoliti | standortbeding | standortfaktor | standortqualit"
       " | ^wirtschaft(en)? foerder | wirtschaftsfoerder | ^wirtschaftskraft | ^regionale(n)? wirtschaft"
       " | ^(weiter)?entwicklung der region | regionalentwickl | business location"),
    _c("wertschoepfung", "Wertschöpfung und Wettbewerbsfähigkeit", "wirtschaftsstandort",
       "Wertschöpfung; Wettbewerbsfähigkeit; Wachstum",
       "wertschoepfung | wettbewerbsfaehig | ^wettbewerbskraft | produktivitaet | ^wachstum | competitiveness"),
    _c("ansiedlung", "Ansiedlung und Investitionen", "wirtschaftsstandort",
       "Ansiedlung; Unternehmensansiedlung; Investitionen",
       "ansiedl | ^investition | ^investor | ^investment"),
    _c("standortmarketing", "Standortmarketing", "wirtschaftsstandort",
       "Regionalmarketing; Region vermarkten; Sichtbarkeit",
       "standortmarketing | regionalmarketing | ^standort und \\w*marketing | ^region(en)? vermarkt"
       " | ^vermarktung der region | ^sichtbarkeit | ^marke$ | ^dachmarke | ^location marketing"),
    _c("flaechen-infrastruktur", "Flächen und Infrastruktur", "wirtschaftsstandort",
       "Gewerbeflächen; Industrieflächen; Infrastruktur",
       "^flaeche(n)?$ | gewerbeflaech | industrieflaech | flaechenentwickl | flaechensicher | flaechenbereitstell"
       " | flaechenangebot | flaechenbedarf | flaechenmanagement | flaechenvorsorg | ^gewerbegebiet"
       " | ^industriegebiet | gewerbepark | industriepark | infrastruktur | ^industrial (land|sites)"),
    _c("internationalisierung", "Internationalisierung", "wirtschaftsstandort",
       "Außenwirtschaft; Export",
       "internationalisier | aussenwirtschaft | ^export | auslandsmaerkt"
       " | ^internationale(n|r)? (kooperation|maerkt|markt|partner|netzwerk|zusammenarbeit|vernetzung|wettbewerb)"),
    _c("resilienz", "Resilienz und Versorgungssicherheit", "wirtschaftsstandort",
       "Resilienz; Lieferketten; Versorgungssicherheit; Diversifizierung",
       "resilien | versorgungssicherheit | lieferkett | ^krisenfest | diversifizier | souveraenitaet"
       " | ^abhaengigkeit"),
    # --- Fachkräfte ---------------------------------------------------------------------
    _c("fachkraefte", "Fachkräftesicherung/Nachwuchsförderung", None,
       "Fachkräftesicherung; Fachkräftegewinnung; Nachwuchsförderung; Fachkräftemangel",
       "fachkr(ae|a)ft | nachwuchs | ^talent | ^arbeitskraeft | berufsorientier | ausbildungsmarketing | ^azubi"
       " | auszubildend | =mint | ^schueler | ^schule(n)?$ | ^kindergaert | ^kita | ^fachpersonal"
       " | personalgewinn | mitarbeitergewinn | ^rekrutier | ^employer branding | arbeitgeberattraktiv"
       " | skilled (workers|labour|labor)"),
    _c("qualifizierung", "Qualifizierung und Weiterbildung", "fachkraefte",
       "Qualifizierung; Weiterbildung; Ausbildung; Bildung",
       "qualifizier | weiterbild | fortbild | ^ausbild | ^bildung | berufsbildung | ^umschul | ^schulung"
       " | mentoring | ^coaching | ^kompetenzaufbau | ^kompetenzentwickl | ^upskilling | ^reskilling"
       " | ^lebenslange(s|n)? lernen"),
    # --- Vernetzung ---------------------------------------------------------------------
    _c("vernetzung", "Vernetzung", None,
       "Vernetzung der Akteure; Netzwerk; Kooperation; Austausch",
       "vernetz | netzwerk | ^kooperation | ^zusammenarbeit | ^austausch | erfahrungsaustausch | =b2b"
       " | ^cluster | crosscluster | ^plattform | ^buendel | ^matchmaking | ^partnerschaft | ^synergie"
       " | ^zusammenschluss | ^networking",
       "plattformoekonomie"),
    # --- Transformation -----------------------------------------------------------------
    _c("transformation", "Transformation", None,
       "Strukturwandel; Wandel; Dekarbonisierung",
       "transform | strukturwandel | ^wandel | ^umbau der | dekarbonis | (antriebs|mobilitaets|energie|verkehrs|"
       "waerme)wende"),
    # --- Mobilität ----------------------------------------------------------------------
    _c("mobilitaet", "Mobilität", None,
       "Verkehr; Mobilitätswende; Elektromobilität",
       "mobilitaet | mobility | verkehr | ^oepnv | ^pendl | ^erreichbarkeit | ^e mobil",
       "gueterverkehr"),
    # --- Innovation ---------------------------------------------------------------------
    _c("innovation", "Innovation", None,
       "Innovationsförderung; Technologie; neue Geschäftsmodelle",
       "innovati | ^innovier | ^technologie(n)?$ | ^technologieentwickl | zukunftstechnolog"
       " | geschaeftsmodell | ^erprob | ^pilotprojekt | ^reallabor | ^prototyp"),
    _c("forschung-transfer", "Forschung und Transfer", "innovation",
       "Technologietransfer; Wissenstransfer; Forschung und Entwicklung; Hochschulen",
       "forschung | transfer | hochschul | universitaet | ^wissenschaftlich | ^wissensaufbau"
       " | ^wissen und kompetenz | ^research"),
    _c("gruendung", "Gründung und Start-ups", "innovation",
       "Start-ups; Existenzgründung; Unternehmensnachfolge",
       "start ?ups? | ^startup | existenzgruend | unternehmensgruend | ausgruend | ^gruender | accelerator"
       " | inkubator | ^spin ?off | nachfolgeloesung | unternehmensnachfolge | betriebsnachfolge | !gruendung(en)?"),
    # --- Industrieakzeptanz, Industriepolitik, Dialog -----------------------------------
    _c("industrieakzeptanz", "Stärkung der Industrieakzeptanz", None,
       "Industrieakzeptanz; Industriewertschätzung; Image der Industrie",
       "akzeptanz | wertschaetzung | ^image | ^ansehen der | ^bewusstsein | ^awareness | oeffentlichkeitsarbeit"
       " | ^attraktivitaet der industrie | ^relevanz der industrie | ^bedeutung der (industrie|branche)"
       " | ^erkennbarkeit | ^(tag|nacht|woche) der industrie | ^industriekultur"),
    _c("industriepolitik", "Industriepolitik vor Ort", None,
       "Industriepolitik; lokale Industriepolitik; Interessenvertretung",
       "industriepoliti | strukturpoliti | wirtschaftspoliti | ^standortthem | ^lokale(n)? themen"
       " | industrierelevan | interessenvertret | ^lobby | ^politische(n)? anliegen | ^politikberat"
       " | ^positionspapier | ^rahmenbeding"),
    _c("foerdermittel", "Fördermittel und Finanzierung", "industriepolitik",
       "Fördermittelberatung; Förderprogramme; Finanzierung",
       "foerdermittel | foerderprogramm | foerdermoeglichkeit | foerderinstrument | foerderberat"
       " | foerderinstitution | ^foerderkulisse | ^finanzierung | ^kapitalbeteilig | ^funding"),
    _c("verwaltung-genehmigung", "Verwaltung und Genehmigung", "industriepolitik",
       "Genehmigungsverfahren; Planungsverfahren; Bürokratieabbau; Behördenservice",
       "genehmig | ^planungsverfahr | ^planungs und genehmigung | buerokrat | ^behoerdenservice"
       " | ^verwaltungs(prozess|verfahren|digitalis|leistung|modernis|service) | ^e ?government"
       " | ^onlinezugang | ^verfahrensbeschleunig"),
    _c("gesellschaftlicher-dialog", "Gesellschaftlicher Dialog", None,
       "Dialog mit der Gesellschaft; Bürgerdialog; Bürgerbeteiligung",
       "dialog | ^gesellschaftlich | ^gesellschaft$ | stadtgesellschaft | zivilgesellschaft"
       " | ^buerger(innen)?$ | buergerbeteilig | buergerdialog | ^anwohner | ^nachbarschaft"
       " | oeffentlichkeitsbeteilig | ^beteiligungsformat",
       "[a-z]+-gesellschaft | gesellschaft mit beschraenkter"),
    # --- Digitalisierung ----------------------------------------------------------------
    _c("digitalisierung", "Digitalisierung", None,
       "Digitale Transformation; digitale Infrastruktur",
       "digital | ^it sicherheit | ^cyber | ^breitband | ^glasfaser | =5g | ^datenoekonom | ^datenraeum"
       " | plattformoekonomie | ^software"),
    _c("industrie-4-0", "Industrie 4.0", "digitalisierung",
       "Industrie 4.0; Smart Factory; Automatisierung; additive Fertigung",
       "industrie ?4\\.0 | =i4\\.0 | ^smart factor | ^automatisier | ^automation | ^robot | ^3d druck"
       " | ^additive(n)? (fertigung|produktion|fertigungsverfahren) | ^internet der dinge | =iot"
       " | ^vernetzte(n)? produktion"),
    _c("kuenstliche-intelligenz", "Künstliche Intelligenz", "digitalisierung",
       "KI; Maschinelles Lernen",
       "^kuenstliche(n|r)? intelligenz | =ki | ^machine learning | ^maschinelle(s)? lernen"
       " | ^artificial intelligence"),
    # --- Energie, Klima, Nachhaltigkeit -------------------------------------------------
    _c("energie", "Energie", None,
       "Energiewende; Energieversorgung; erneuerbare Energien; Energieeffizienz",
       "energie | ^strom | ^erneuerbar | ^windkraft | ^photovoltaik | ^solar | waermeversorg | fernwaerm"
       " | abwaerm | waermepump | ^waermenetz | ^erdgas | ^gasversorg | ^gasnetz | =lng | kraftwerk | ^energy"),
    _c("wasserstoff", "Wasserstoff", "energie",
       "H2; grüner Wasserstoff; Wasserstoffwirtschaft; Brennstoffzelle",
       "wasserstoff | =h2 | brennstoffzell | ^elektrolys | hydrogen | ^power to x | =ptx | ^e ?fuels?$"),
    _c("nachhaltigkeit", "Nachhaltigkeit", None,
       "Nachhaltige Entwicklung; Umweltschutz; Ökologie",
       "nachhaltigkeit | ^nachhaltige(n|r|s|m)? (wertschoepfung|entwicklung|produktion|wirtschaft|loesung"
       "|mobilitaet|transformation|industrie|energie|beschaffung) | ^umwelt | ^oekolog | ^sustainab | =esg"
       " | ^green deal"),
    _c("klimaschutz", "Klimaschutz und Klimaneutralität", "nachhaltigkeit",
       "Klimaschutz; Klimaneutralität; Dekarbonisierung; CO2-Reduktion",
       "klimaschutz | klimaneutral | ^klima | klimafreund | dekarbonis | =co2 | ^treibhausgas | ^emission"
       " | ^net zero | ^climate | ^defossil"),
    _c("kreislaufwirtschaft", "Kreislaufwirtschaft und Ressourceneffizienz", "nachhaltigkeit",
       "Kreislaufwirtschaft; Circular Economy; Recycling; Ressourceneffizienz",
       "kreislauf | ^circular | recycl | ^zirkulaer | sekundaerrohstoff | ressourceneffizien | ^ressourcenschon"
       " | ressourcenschutz | rohstoffeffizien | ^wiederverwert | abfallwirtschaft"),
    # --- Arbeit -------------------------------------------------------------------------
    _c("gute-arbeit", "Gute Arbeit und Mitbestimmung", None,
       "Gute Arbeit; Mitbestimmung; Beschäftigungssicherung; Arbeitswelt",
       "^gute(r)? arbeit | mitbestimm | ^tarif | betriebsr(ae|a)t | ^sozialpartner | arbeitswelt | ^arbeitsbeding"
       " | arbeitspl(ae|a)tz | beschaeftigung | ^zukunft der arbeit | ^arbeitszeit | ^zeitmodell | ^arbeitnehmer"
       " | ^beschaeftigte | rassismus | interkulturell | ^diversit | ^chancengleich | ^gleichstellung"
       " | ^vereinbarkeit von (familie|beruf) | ^arbeitsschutz"),
    # --- Branchen -----------------------------------------------------------------------
    _c("branchen", "Branchen", None,
       "Branchenschwerpunkte; Wertschöpfungsketten einer Branche",
       "^branche(n)?$ | ^branchendialog | ^branchennetzwerk | branchenuebergreifend | branchenschwerpunkt"),
    _c("automobil", "Automobil- und Fahrzeugindustrie", "branchen",
       "Automobilindustrie; Automotive; Zulieferindustrie; Fahrzeugbau",
       "automobil | automotive | fahrzeug | zuliefer | =oems? | =kfz | ^antriebs | ^autoindustrie | ^autobranche"),
    _c("chemie", "Chemie und Pharma", "branchen",
       "Chemische Industrie; Chemieindustrie; Pharma",
       "chemi | ^pharma | ^chemistry",
       "ig bergbau,? chemie"),
    _c("logistik", "Logistik und Hafen", "branchen",
       "Logistik; Hafen; Hafenwirtschaft; maritime Wirtschaft",
       "logisti | hafen | haefen | ^gueterverkehr | ^schifffahrt | ^maritim | ^spedition | ^container"),
    _c("metall-stahl", "Metall- und Stahlindustrie", "branchen",
       "Metallindustrie; Stahlindustrie; Metall- und Elektroindustrie",
       "^metall | ^stahl | stahlindustrie | stahlherstell | ^aluminium | ^kupfer"),
    _c("maschinenbau", "Maschinen- und Anlagenbau", "branchen",
       "Maschinenbau; Anlagenbau",
       "maschinenbau | anlagenbau | ^maschinen und anlagenbau"),
    _c("luftfahrt", "Luft- und Raumfahrt", "branchen",
       "Luftfahrtindustrie; Luftfahrt; Raumfahrt",
       "luftfahrt | raumfahrt | ^luft und raumfahrt | ^aviation | ^aerospace | ^flugzeug"),
    _c("gesundheitswirtschaft", "Gesundheitswirtschaft", "branchen",
       "Gesundheitsindustrie; Medizintechnik; Life Sciences",
       "gesundheitsindustrie | gesundheitswirtschaft | gesundheitsbranche | medizintechn | ^biotech"
       " | ^life science | ^politik fuer gesundheit"),
)
# fmt: on

_BY_ID: dict[str, Concept] = {c.id: c for c in VOCABULARY}

# -- normalisation -----------------------------------------------------------------------

# Ligatures (and runs) that PDF extraction turned into one U+FFFD, most common first
# (the same list as industriegraph.text.source; copied to keep this module import-light).
LIGATURES = ("ti", "ft", "tt", "ff", "fi", "fl", "tf", "fb", "fh", "fk", "ffi", "ffl", "ffb", "fft", "tti", "ttf")
COMMON_LIGATURES = ("ti", "ft", "tt")
REPLACEMENT = "\ufffd"

_FOLD = str.maketrans(
    {
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "ß": "ss",
        "\u00ad": None,
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
_URL_RE = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:de|com|org|eu|net)\b(?:/\S*)?", re.IGNORECASE)
_DAMAGED_RE = re.compile(r"[^\W_]*\ufffd(?:[^\W_]|\ufffd)*")
_NOT_WORD_BEFORE = r"(?<![^\W_])"  # start of text or preceded by a non-letter/digit (or "_")
_NOT_WORD_AFTER = r"(?![^\W_])"
_SEPARATOR = r"[\s\-/]+"


def normalize(text: str) -> str:
    """Lower-case, umlaut-folded, URL-free form of ``text`` in which patterns are matched."""
    text = unicodedata.normalize("NFC", text).lower()
    text = _URL_RE.sub(" ", text)
    return text.translate(_FOLD)


def _compile_pattern(keyword: str) -> str:
    """Turn one vocabulary pattern into a regular expression over normalised text."""
    anchor_start = anchor_end = whole_text = False
    if keyword.startswith("!"):
        whole_text, keyword = True, keyword[1:]
    elif keyword.startswith("="):
        anchor_start = anchor_end = True
        keyword = keyword[1:]
    elif keyword.startswith("^"):
        anchor_start, keyword = True, keyword[1:]
    if keyword.endswith("$") and not keyword.endswith("\\$"):
        anchor_end, keyword = True, keyword[:-1]
    body = normalize(keyword).replace(" ?", _SEPARATOR[:-1] + "*").replace(" ", _SEPARATOR)
    if whole_text:
        return rf"\A[\W_]*(?:{body})[\W_]*\Z"
    return (_NOT_WORD_BEFORE if anchor_start else "") + f"(?:{body})" + (_NOT_WORD_AFTER if anchor_end else "")


@dataclass(frozen=True)
class _Matcher:
    concept: str
    pattern: re.Pattern[str]
    exclude: re.Pattern[str] | None
    # Substrings of which every match of ``pattern`` contains at least one; None when a keyword has no such
    # literal. A text containing none of them cannot match, so the regular expression need not run.
    literals: tuple[str, ...] | None = None
    # Per keyword, in vocabulary order: its expression and the literal every match of it contains (when every
    # keyword has one; else empty). A keyword whose literal is not in a text cannot match there, so the text is
    # scanned with the alternation of the other keywords only: the same matches, in the same order.
    keywords: tuple[str, ...] = ()
    keyword_literals: tuple[str, ...] = ()


_QUANTIFIERS = "?*{"


def _required_literal(keyword: str) -> str | None:
    """The longest run of letters/digits that every match of the vocabulary pattern ``keyword`` contains (outside
    groups, not made optional by a quantifier); None when there is none or the pattern has a top-level "|"."""
    body = normalize(keyword.lstrip("!=^"))
    runs, run, depth, i = [], "", 0, 0
    while i < len(body):
        ch = body[i]
        if ch.isalnum() and depth == 0:
            nxt = body[i + 1] if i + 1 < len(body) else ""
            if nxt in _QUANTIFIERS and nxt:
                runs.append(run)
                run = ""
            else:
                run += ch
            i += 1
            continue
        runs.append(run)
        run = ""
        if ch == "\\":
            i += 2
            continue
        if ch == "[":  # a character class: skip to its end
            i = body.index("]", i + 2) + 1
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return None
        i += 1
    runs.append(run)
    best = max(runs, key=len)
    return best or None


@lru_cache(maxsize=1)
def _matchers() -> tuple[_Matcher, ...]:
    out = []
    for c in VOCABULARY:
        keywords = tuple(_compile_pattern(k) for k in c.keywords)
        pattern = re.compile("|".join(keywords))
        exclude = re.compile("|".join(_compile_pattern(k) for k in c.exclude)) if c.exclude else None
        literals = [_required_literal(k) for k in c.keywords]
        if None in literals:
            out.append(_Matcher(c.id, pattern, exclude, None))
        else:
            out.append(_Matcher(c.id, pattern, exclude, tuple(set(literals)), keywords, tuple(literals)))  # type: ignore[arg-type]
    return tuple(out)


@lru_cache(maxsize=1)
def _literal_automaton():
    """Every keyword literal of the vocabulary, found in a text in one pass (pyahocorasick; None without it)."""
    from industriegraph.text.recognise.lexicon import ahocorasick

    if ahocorasick is None:  # pragma: no cover
        return None
    automaton = ahocorasick.Automaton()
    for lit in {x for m in _matchers() for x in m.keyword_literals}:
        automaton.add_word(lit, lit)
    if len(automaton):
        automaton.make_automaton()
        return automaton
    return None


@lru_cache(maxsize=4096)
def _keywords_pattern(concept: int, present: tuple[int, ...]) -> re.Pattern[str]:
    """The alternation of some keywords of ``_matchers()[concept]`` (by index, in vocabulary order)."""
    m = _matchers()[concept]
    return re.compile("|".join(m.keywords[k] for k in present))


@lru_cache(maxsize=1)
def _union_names():
    """The names of unions (vocabulary), normalised: a union's name names its sector ("IG Metall"), not a topic of
    the text. An Aho–Corasick automaton when ``pyahocorasick`` is installed, else a regular expression."""
    from industriegraph.text.recognise.lexicon import ahocorasick, lexicon

    lex = lexicon()
    forms = {f.variant or f.text for fs in lex.forms.values() for f in fs if f.body.kind == "Union"}
    forms |= {f.text for fs in lex.acronyms.values() for f in fs if f.body.kind == "Union" and " " in f.text}
    forms = {normalize(x).replace(",", " ") for x in forms if len(x) > 3}
    if ahocorasick is not None:
        automaton = ahocorasick.Automaton()
        for x in forms:
            automaton.add_word(x, len(x))
        automaton.make_automaton()
        return automaton
    alts = "|".join(re.escape(x) for x in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)")


def _union_spans(norm: str) -> list[tuple[int, int]]:
    names = _union_names()
    flat = norm.replace(",", " ")  # one character each, so offsets stay
    if isinstance(names, re.Pattern):
        return [(m.start(), m.end()) for m in names.finditer(flat)]
    out = []
    for end, n in names.iter(flat):
        a, b = end - n + 1, end + 1
        if (a == 0 or not flat[a - 1].isalnum()) and (b == len(flat) or not flat[b].isalnum()):
            out.append((a, b))
    return out


@lru_cache(maxsize=65536)
def _hits(norm: str) -> dict[str, int]:
    """Concept id -> position of its first pattern occurrence in normalised text (exclusions applied); memoised,
    so callers must not change the answer."""
    found: dict[str, int] = {}
    named: list[tuple[int, int]] | None = None
    automaton = _literal_automaton()
    in_text = {lit for _, lit in automaton.iter(norm)} if automaton is not None else None
    for i, m in enumerate(_matchers()):
        pattern = m.pattern
        if in_text is not None and m.keyword_literals:
            present = tuple(k for k, lit in enumerate(m.keyword_literals) if lit in in_text)
            if not present:
                continue
            if len(present) < len(m.keywords):
                pattern = _keywords_pattern(i, present)
        elif m.literals is not None and not any(x in norm for x in m.literals):
            continue
        if named is None:
            named = _union_spans(norm)
        blocked = named + ([(e.start(), e.end()) for e in m.exclude.finditer(norm)] if m.exclude else [])
        for hit in pattern.finditer(norm):
            if any(s < hit.end() and hit.start() < e for s, e in blocked):
                continue
            found[m.concept] = hit.start()
            break
    return found


def _candidates(word: str, at_end: bool) -> list[str]:
    """Expansions of a damaged word; the most plausible ligature order first (word ends: "ft", "tt")."""
    holes = word.count(REPLACEMENT)
    choices = LIGATURES if holes <= 2 else COMMON_LIGATURES
    parts = word.split(REPLACEMENT)
    out = []
    for combo in itertools.product(choices, repeat=holes):
        out.append("".join(p + (combo[i] if i < holes else "") for i, p in enumerate(parts)))
    if at_end:  # "Wirtscha\ufffd", "Zukun\ufffd", "Schri\ufffd": German words end in -ft/-tt, hardly in -ti
        out.sort(key=lambda c: c.endswith("ti"))
    return out


_CONTEXT = 60  # characters of context either side when choosing a repair (multi-word patterns)


@lru_cache(maxsize=4096)
def _prepare(text: str) -> str:
    """Normalise and expand lost ligatures, each damaged word choosing the letters that match most concepts."""
    norm = normalize(text)
    if REPLACEMENT not in norm:
        return norm
    out, pos = "", 0
    for dm in _DAMAGED_RE.finditer(norm):
        out += norm[pos : dm.start()]
        word, pos = dm.group(0), dm.end()
        left, right = out[-_CONTEXT:], norm[pos : pos + _CONTEXT]
        best, best_score = word.replace(REPLACEMENT, ""), -1
        for cand in _candidates(word, at_end=word.endswith(REPLACEMENT)):
            score = len(_hits(left + cand + right))
            if score > best_score:
                best, best_score = cand, score
        out += best
    return (out + norm[pos:]).replace(REPLACEMENT, "")


# -- public API --------------------------------------------------------------------------


def match(text: str) -> list[str]:
    """Concept ids mentioned in ``text``, in order of first occurrence (ties by id); no broader ones added."""
    found = _hits(_prepare(text))
    return sorted(found, key=lambda cid: (found[cid], cid))


def explain(text: str) -> dict[str, str]:
    """For each matched concept, the (normalised) text span that triggered it; for reviewing matches."""
    norm = _prepare(text)
    out: dict[str, str] = {}
    for cid in match(text):
        m = next(m for m in _matchers() if m.concept == cid)
        hit = m.pattern.search(norm, _hits(norm)[cid])
        out[cid] = hit.group(0) if hit else ""
    return out


def concepts() -> list[Concept]:
    """Every concept of the vocabulary, in declaration order (top concepts before their narrower ones)."""
    return list(VOCABULARY)


def get(concept_id: str) -> Concept:
    """The concept with this id; KeyError naming the unknown id otherwise."""
    try:
        return _BY_ID[concept_id]
    except KeyError:
        raise KeyError(f"unknown topic concept {concept_id!r}") from None


def broader_chain(concept_id: str) -> list[str]:
    """Ancestors of a concept, nearest first, without the concept itself ([] for a top concept)."""
    chain: list[str] = []
    current = get(concept_id).broader
    while current is not None:
        if current in chain or current == concept_id:
            raise ValueError(f"cycle in broader links at {current!r}")
        chain.append(current)
        current = get(current).broader
    return chain


def narrower(concept_id: str) -> list[str]:
    """Direct narrower concepts, in declaration order."""
    get(concept_id)
    return [c.id for c in VOCABULARY if c.broader == concept_id]


def descendants(concept_id: str) -> list[str]:
    """The concept and everything below it: what a query for the concept should include."""
    out = [concept_id]
    for child in narrower(concept_id):
        out.extend(descendants(child))
    return out


def top_concepts() -> list[str]:
    """Concepts without a broader one (skos:hasTopConcept of the scheme)."""
    return [c.id for c in VOCABULARY if c.broader is None]
