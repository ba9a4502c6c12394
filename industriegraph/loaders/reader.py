"""The general reader: who takes part in the initiative a text is about, in which role, and who speaks for whom.

Works on any readable text with the shared recognisers (``industriegraph.text.recognise``): paragraphs joined
from wrapped lines, the page's initiative, organisation mentions, people with their functions, role cues and
enumerations. A link is made only where the text says it:

* a role cue governs organisations: a heading or agent phrase the list after it ("folgende Bündnispartner:
  A, B und C", "gemeinsam mit A und B"), a role noun the list next to it ("Unternehmen wie A, B oder C stehen im
  Mitgliederverzeichnis"), a verb the subject of its clause ("A, B und C haben den Verein gegründet") or the
  agent of its passive ("wird vom Ministerium gefördert");
* a sentence whose subject is a list of three or more organisations, on a page about one initiative, makes them
  members ("DGB, IG Metall, ver.di … vertreten zusammen …");
* people: an office of an organisation ("Vorsitzender der IHK NRW", "BDI-Präsident", "Bundesminister für …",
  a mayor for the page's city) makes that organisation act when the person founds, signs or speaks about the
  initiative by name (not inside a quoted speech);
* an organisation named in the initiative's own title ("Masterplan Industrie der Stadt X") carries it.

Evidence of every record is the lines that name the organisation, person or initiative.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from industriegraph.model.records import LoadResult, Ref
from industriegraph.model.vocab import Body
from industriegraph.text.recognise import dates, grammar, lists
from industriegraph.text.recognise.initiatives import PageInitiative, find_initiatives, head_words, page_initiatives
from industriegraph.text.recognise.kinds import classify_kind
from industriegraph.text.recognise.lexicon import fold, lexicon
from industriegraph.text.recognise.names import is_branch_of
from industriegraph.text.recognise.orgs import OrgContext, OrgMention, find_orgs, is_generic
from industriegraph.text.recognise.passage import Passage, passages
from industriegraph.text.recognise.people import PersonMention, find_people, office_body
from industriegraph.text.recognise.roles import RoleCue, announced_role, find_cues, is_subject
from industriegraph.text.source import SourceDoc

FIELD_LINE = re.compile(
    r"^\s*(?:\d+(?:\.\d+)*\.?\s+)?Handlungsfeld(?:\s+(\d+))?\s*:?\s*(„[^“]+“|[^.…]+?)\s*(?:[.…]{3,}.*)?$"
)
FOUNDING = ("founder", "initiator", "signatory")
SPEECH = re.compile(r"[:,]\s*[„“\"«]([^„“\"«»]{40,})")


@dataclass
class Org:
    name: str
    kind: str
    body_id: str | None
    aliases: set[str] = field(default_factory=set)
    lines: set[int] = field(default_factory=set)
    written: list[str] = field(default_factory=list)
    branch_of: Body | None = None  # a regional branch ("IG Metall Aalen") of a vocabulary body


@dataclass
class Sentence:
    text: str
    passage: Passage
    offset: int
    orgs: list[OrgMention]
    people: list[PersonMention]
    cues: list[RoleCue]
    names_subject: bool

    def lines(self, a: int, b: int) -> list[int]:
        return self.passage.lines_for(self.offset + a, self.offset + b)


class Reader:
    def __init__(self, doc: SourceDoc, skip: set[int] | frozenset[int] = frozenset()):
        self.doc = doc
        self.passages = [p for p in passages(doc, skip) if p.text.strip()]
        self.text = "\n".join(p.text for p in self.passages)
        found = dates.dates(self.text)
        day = found[0] if found else None
        date = day if day is None or len(day) == 10 else f"{day}-01"
        self.ctx = OrgContext(land=lexicon().main_land(self.text), date=date)
        self.orgs: dict[str, Org] = {}
        self.links: dict[tuple[str, str], tuple[set[str], set[int]]] = {}
        self.people: dict[str, tuple[PersonMention, set[int], str | None]] = {}

    # -- the document ------------------------------------------------------------------------------------
    def read(self, result: LoadResult, known: dict[str, Ref]) -> None:
        """Add the page's initiative, organisations, people and links to ``result``; ``known`` maps names of
        initiatives and strategies the loader already recorded to their refs (they are reused)."""
        if not self.passages:
            return
        self._acronyms()
        subject = self._subject()
        sentences = self._sentences(subject)
        if subject is None:
            subject = self._subject_from_orgs(sentences)
        if subject is None:
            return
        target = known.get(subject.name) or next((known[a] for a in subject.aliases if a in known), None)
        if target is None and subject.word:
            # the loader's own steps already recorded the alliance the page is about ("Pakt für die Industrie …")
            head = fold(subject.word)
            target = next((ref for name, ref in known.items() if fold(name).split()[0] == head), None)
        if target is None:
            lines = sorted(set(subject.lines)) or [self.passages[0].lines[0]]
            props = {"title": subject.name} if subject.label == "Strategy" else {"name": subject.name}
            target = result.add(subject.label, subject.name, self.doc.ev(*lines[:3]), aliases=subject.aliases, **props)
            land = lexicon().land(self.ctx.land) if self.ctx.land else None
            if subject.label == "Initiative" and land is not None and self._regional(subject):
                result.link("LOCATED_IN", target, Ref("State", land.name), self.doc.ev(lines[0]))
        self.subject = subject
        self.target = target
        self.elsewhere = {fold(n): ref for n, ref in known.items() if ref != target and len(n) > 3}
        if target.label == "Strategy":
            self._action_fields(result, target)
        for i, s in enumerate(sentences):
            self._roles(s, sentences, i)
        self._title_owner(sentences)
        self._emit(result, self.target)

    def _action_fields(self, result: LoadResult, plan: Ref) -> None:
        """Numbered Handlungsfelder of a plan, also when only its table of contents is given
        ("2.3 Handlungsfeld „Digitalisierung“ ........ 9")."""
        if any(e.label == "ActionField" for e in result.entities):
            return
        number = 0
        for p in self.passages:
            for n in p.lines:
                m = FIELD_LINE.match(self.doc.clean(n))
                if not m:
                    continue
                number += 1
                title = m.group(2).strip(' „“"')
                ref = result.add(
                    "ActionField", f"{self.doc.name}#HF{number}", self.doc.ev(n), number=number, title=title
                )
                result.link("HAS_ACTION_FIELD", plan, ref, self.doc.ev(n))

    def _regional(self, subject: PageInitiative) -> bool:
        return bool(self.ctx.land)

    # -- recognising ------------------------------------------------------------------------------------
    def _acronyms(self) -> None:
        """Acronyms the document defines ("Wirtschaftsförderungsgesellschaft mbH Region Ostwürttemberg (WiRO)")."""
        for p in self.passages:
            for m in find_orgs(p.text, self.ctx):
                if m.acronym and m.written != m.acronym and not m.generic and m.body is None:
                    self.ctx.acronyms.setdefault(m.acronym, m.name)

    def _subject(self) -> PageInitiative | None:
        mentions = []
        for p in self.passages:
            for m in find_initiatives(p.text):
                mentions.append((m, p.line_at(m.start)))
        title = self.passages[0].text
        groups = page_initiatives(title, mentions, self.text)
        self.others = groups[1:]
        return groups[0] if groups else None

    def _sentences(self, subject: PageInitiative | None) -> list[Sentence]:
        out = []
        for p in self.passages:
            for a, b in p.sentences:
                t = p.text[a:b]
                people = find_people(t)
                stops = [(x.start, x.end) for x in people]
                orgs = [o for o in find_orgs(t, self.ctx, stops) if not self._is_initiative(o, subject)]
                out.append(Sentence(t, p, a, orgs, people, find_cues(t), self._names(t, subject)))
        self.all_orgs = [o for x in out for o in x.orgs]
        return out

    def _is_initiative(self, o: OrgMention, subject: PageInitiative | None) -> bool:
        if subject is None:
            return False
        names = {fold(n) for n in [subject.name, *subject.aliases]}
        return fold(o.name) in names or fold(o.written) in names

    def _names(self, text: str, subject: PageInitiative | None) -> bool:
        if subject is None:
            return False
        outside = SPEECH.sub("", text)
        f = fold(outside)
        return any(fold(n) in f for n in [subject.name, *subject.aliases] if len(n) > 3)

    def _subject_from_orgs(self, sentences: list[Sentence]) -> PageInitiative | None:
        """A page about an association that lists its members: the association whose head noun the page
        repeats ("die Industrievereinigung …") is what the page is about."""
        if not any(c.role == "member" for s in sentences for c in s.cues):
            return None
        best = None
        for s in sentences:
            for o in s.orgs:
                if o.generic or o.weak or o.body is not None or " " not in o.name:
                    continue
                head = next((w for w in o.name.split() if grammar.gender(w)), None)
                if head is None:
                    continue
                n = len(re.findall(rf"\b{re.escape(head)}\b", self.text))
                if n >= 3 and (best is None or n > best[0]):
                    best = (n, o, s)
        if best is None:
            return None
        _, o, s = best
        for x in sentences:
            x.orgs = [m for m in x.orgs if fold(m.name) != fold(o.name)]
        return PageInitiative(o.name, "Initiative", [], o.name.split()[0], s.lines(o.start, o.end))

    # -- roles ----------------------------------------------------------------------------------------------
    def _roles(self, s: Sentence, sentences: list[Sentence], i: int) -> None:
        governed: dict[int, set[str]] = {}
        items: list[tuple[int, int, str, bool]] = []  # list items that are names no recogniser knew
        # a board named as one item of a list ("gemeinsam mit dem Beirat Industrie, der Universität …") governs
        # nothing: only a board heading ("Dem Beirat gehören an:", "Im Steuerungskreis sind …") does
        cues = [c for c in s.cues if not (
            c.shape == "heading" and c.role in ("advisory", "steering") and ":" not in s.text[c.end : c.end + 120]
            and re.search(r"\b(?:dem|der|den|des)\s$", s.text[max(0, c.start - 5) : c.start])
            and re.match(r"(?:\s[A-ZÄÖÜ][\wäöüß-]*)*,", s.text[c.end :])
        )]  # fmt: skip
        for k, c in enumerate(cues):
            bounds = [x.start for x in cues[k + 1 :] if x.shape in ("heading", "agent")]
            nxt = bounds[0] if bounds else len(s.text)
            colon = s.text.find(":", c.end)
            between = [x for x in cues[k + 1 :] if x.start < colon and x.shape in ("heading", "agent")]
            if c.shape == "heading" and 0 <= colon and colon - c.end < 120 and not between:
                # "An der Kerngruppe sind folgende Organisationen beteiligt: A, B, …": the list after the colon
                later = [x.start for x in cues[k + 1 :] if x.start > colon]
                self._govern_after(s, colon + 1, later[0] if later else len(s.text), c.role, governed, items)
            elif c.shape in ("heading", "agent"):
                role = c.role
                if role == "partner" and re.match(r"(?i)gemeinsam|zusammen|together", c.text):
                    # "X initiierten gemeinsam mit der IHK …": the partner shares the clause's founding act
                    role = next((x.role for x in cues if x.shape == "verb" and x.role in FOUNDING), role)
                self._govern_after(s, c.end, nxt, role, governed, items)
            elif c.shape == "noun":
                after = re.match(r"\s*(?:ist|sind|war|waren|:)?\s*(?:[Dd]er|[Dd]ie|[Dd]as|[Dd]em|[Dd]en)?\s*",
                                 s.text[c.end :])  # fmt: skip
                if ":" in after.group(0) or any(
                    o.start <= c.end + after.end() + 1 and o.start >= c.end for o in s.orgs if not o.generic
                ):  # "… mit zwei Partnern: A und B" or "Partner ist die X"
                    self._govern_after(s, c.end, nxt, c.role, governed, items)
                else:
                    self._govern_before(s, c.start, c.role, governed, items)
            elif c.shape == "verb":
                if c.role == "member" and re.match(r"(?i)zu\s(?:diesen|ihnen|denen)\b", s.text):
                    # "… starke Partner … Zu diesen gehören A, B …": the role of the noun referred to
                    back = [x for x in sentences[i - 1].cues if x.shape in ("heading", "noun")] if i else []
                    c = RoleCue(c.start, c.end, back[-1].role, c.shape, c.text) if back else c
                self._govern_subject(s, c, governed)
            if c.shape == "agent" and c.role == "partner" and re.match(r"(?i)gemeinsam|zusammen|together", c.text):
                # "X setzt gemeinsam mit Partnern …": X leads what the others join
                for j in self._subject_list(s, c.start):
                    governed.setdefault(j, set()).add("carrier")
        if not cues:
            subj = self._subject_list(s)
            if len(subj) >= 3:
                for j in subj:
                    before = [(x.text, bool(x.orgs), x.cues) for x in sentences[max(0, i - 4) : i]]
                    governed.setdefault(j, set()).add(announced_role(before) or "member")
        for j, roles in governed.items():
            if j < 0:
                continue
            o = s.orgs[j]
            if o.generic or (o.weak and not self._in_list(s, o)):
                continue
            self._link(o, roles, s.lines(o.start, o.end), s)
        for a, b, name, company in items:
            kind = "Company" if company else classify_kind(name)
            o = OrgMention(a, b, name, name, kind, how="item")
            roles = {r for r in governed.get(-1 - a, set())}
            self._link(o, roles or {"member"}, s.lines(a, b), s)
        self._people(s)

    def _in_list(self, s: Sentence, o: OrgMention) -> bool:
        spans = [(x.start, x.end) for x in s.orgs]
        chain = lists.chains(s.text, spans)
        j = s.orgs.index(o)
        return chain.count(chain[j]) >= 2

    def _govern_after(self, s: Sentence, start: int, end: int, role: str, governed, items) -> None:
        lead = re.match(r"\s*:", s.text[start:])
        if lead:
            start += lead.end()
        a, b = lists.list_region(s.text, start)
        b = min(b, end) if end > start else b
        for j, o in enumerate(s.orgs):
            if a <= o.start < b:
                governed.setdefault(j, set()).add(role)
        company = bool(lists.COMPANY_CONTEXT.search(s.text[max(0, a - 40) : a + 1]))
        self._items(s, a, b, role, company, governed, items)

    def _govern_before(self, s: Sentence, pos: int, role: str, governed, items) -> None:
        """A role noun after its organisations: the list nearest before it."""
        spans = [(o.start, o.end) for o in s.orgs]
        chain = lists.chains(s.text, spans)
        before = [j for j, o in enumerate(s.orgs) if o.end <= pos and not o.generic]
        if before:
            last = before[-1]
            for j in before:
                if chain[j] == chain[last]:
                    governed.setdefault(j, set()).add(role)
        m = list(re.finditer(lists.COMPANY_CONTEXT, s.text[:pos]))
        if m:
            a = m[-1].end()
            a = a + (len(re.match(r"\s*(?:wie|such as|:)?", s.text[a:]).group(0)))
            _, b = lists.list_region(s.text, a)
            self._items(s, a, min(b, pos), role, True, governed, items)

    def _items(self, s: Sentence, a: int, b: int, role: str, company: bool, governed, items) -> None:
        spans = [(o.start, o.end) for o in s.orgs]
        for x, y in lists.items(s.text, a, b):
            if any(p < y and x < q for p, q in spans):
                continue
            got = lists.name_item(s.text[x:y])
            if got is None:
                continue
            name, from_place = got
            if not (company or from_place):
                continue
            start = s.text.find(name, x)
            items.append((start, start + len(name), name, True))
            governed.setdefault(-1 - start, set()).add(role)

    def _subject_list(self, s: Sentence, before: int | None = None) -> list[int]:
        """The organisations the clause is about: a list opening the sentence, a list right before its verb
        ("Acht Unternehmen, der Verband X sowie die IHK Y haben … gegründet") or right after it ("verabschiedete
        der Magistrat …"); with ``before``, the last such list before that position."""
        if not s.orgs:
            return []
        spans = [(o.start, o.end) for o in s.orgs]
        chain = lists.chains(s.text, spans)
        found: list[list[int]] = []
        for cid in dict.fromkeys(chain):
            members = [j for j in range(len(s.orgs)) if chain[j] == cid]
            real = [j for j in members if not s.orgs[j].generic and not s.orgs[j].weak]
            if not real:
                continue
            first, last = s.orgs[members[0]], s.orgs[members[-1]]
            if before is not None and first.start > before:
                break
            after = re.match(r"\s*(?:\([^)]*\)\s*)?([a-zäöü]+)\b", s.text[last.end :])
            verb_after = (
                after
                and after.group(1) not in grammar.PREPOSITIONS
                and after.group(1) not in (grammar.ARTICLES | grammar.CONJUNCTIONS)
            )
            if is_subject(s.text, first.start) or verb_after and not re.search(r"[.;]", s.text[: first.start]):
                found.append(real)
        if not found:
            return []
        return found[-1] if before is not None else found[0]

    def _govern_subject(self, s: Sentence, c: RoleCue, governed) -> None:
        # the agent of a passive: "wird vom Bundesministerium … gefördert", "Koordiniert wird … von X"; the
        # agent nearest the participle when there are several ("Initiiert vom X und aufgebaut … durch die Y")
        agents = []
        for j, o in enumerate(s.orgs):
            pre = s.text[max(0, o.start - 12) : o.start]
            if re.search(r"\b(?:von|vom|durch|bei|by)\s(?:der|dem|den|des|einer|einem|the\s)?\s*$", pre):
                if not any(k.start < o.start and k.shape != "verb" for k in s.cues if k.start > c.start):
                    agents.append((abs(o.start - c.start), j))
        if agents:
            governed.setdefault(min(agents)[1], set()).add(c.role)
            return
        subject = self._subject_list(s, c.start)
        if not subject:
            # the subject after the verb: "Zu diesen gehören neben dem X auch das Y, …", "verabschiedete der Z den …"
            m = re.match(
                r"(?:\s+(?:sind|ist|wird|werden|neben|auch|der|die|das|dem|den|des|zudem))*\s+", s.text[c.end :]
            )
            start = c.end + (m.end() if m else 0)
            spans = [(o.start, o.end) for o in s.orgs]
            chain = lists.chains(s.text, spans)
            first = next((j for j, o in enumerate(s.orgs) if o.start >= c.end), None)
            # or after a description of the list ("sind … vertreten, die industrierelevanten Institutionen A, B …")
            described = first is not None and re.fullmatch(
                r",\s(?:der|die|das|den|dem)\s(?:[\wäöüß-]+\s){1,2}", s.text[c.end : s.orgs[first].start]
            )
            if first is not None and (s.orgs[first].start <= start + 1 or described):
                subject = [j for j in range(len(s.orgs)) if chain[j] == chain[first] and not s.orgs[j].generic]
        for j in subject:
            governed.setdefault(j, set()).add(c.role)

    # -- people ------------------------------------------------------------------------------------------
    def _person_org(self, s: Sentence, p: PersonMention) -> OrgMention | None:
        if p.org_acronym:
            forms = lexicon().acronyms.get(p.org_acronym) or lexicon().lookup(p.org_acronym)
            body = lexicon().pick(forms, self.ctx.land) if forms else None
            if body is not None:
                return OrgMention(p.function_start, p.function_end, body.name, p.org_acronym, body.kind, body=body)
        if p.org_start is not None:
            inner = [o for o in s.orgs if p.org_start <= o.start < p.org_end and not o.generic]
            if not inner:
                sub = find_orgs(s.text[p.org_start : p.org_end], self.ctx)
                inner = [
                    OrgMention(o.start + p.org_start, o.end + p.org_start, o.name, o.written, o.kind, o.body,
                               o.acronym, o.how, aliases=o.aliases)  # fmt: skip
                    for o in sub if not o.generic
                ]  # fmt: skip
            if inner:
                return inner[0]
        if p.government:
            body = office_body(p.function + (s.text[p.org_start : p.org_end] if p.org_start is not None else ""))
            if body:
                forms = lexicon().lookup(body)
                known = lexicon().pick(forms, self.ctx.land) if forms else None
                name = body if known is None else body
                kind = known.kind if known else classify_kind(name)
                if kind in ("FederalGovernment", "StateGovernment"):
                    return OrgMention(p.function_start, p.function_end, name, name, kind, body=known)
            gov = self._government(p)
            if gov is not None:
                return gov
        return None

    def _government(self, p: PersonMention) -> OrgMention | None:
        """The government a minister or mayor without a named ministry acts for: the page's state government or
        city."""
        f = p.function.lower()
        if "bürgermeister" in f or "mayor" in f:
            city = lexicon().main_city(self.text)
            if city and not lexicon().cities[city].city_state:
                name = f"Stadt {city}"
                return OrgMention(p.function_start, p.function_end, name, name, "Municipality")
            return None
        if "minister" in f and not f.startswith("bundes"):
            return next((o for o in self.all_orgs if o.kind == "StateGovernment" and not o.generic), None)
        return None

    def _people(self, s: Sentence) -> None:
        founding = [c for c in s.cues if c.role in ("founder", "signatory", "initiator")]
        outside = SPEECH.sub("", s.text)
        for p in s.people:
            if not p.function:
                continue
            org = self._person_org(s, p)
            if org is None:
                continue
            key = self._org(org, s.lines(org.start, org.end) if org.end > org.start else s.lines(p.start, p.end))
            lines = s.lines(p.start, p.end)
            self.people.setdefault(p.name, (p, set(), key))[1].update(lines)
            if founding:
                self._link(org, {founding[0].role}, lines, s)
            elif (
                s.names_subject
                and fold(self.subject.name) in fold(outside)
                or any(fold(a) in fold(outside) for a in self.subject.aliases if len(a) > 5)
            ):
                self._link(org, {"partner"}, lines, s)

    def _title_owner(self, sentences: list[Sentence]) -> None:
        first = sentences[0] if sentences else None
        if first is None or first.passage is not self.passages[0]:
            return
        name = fold(self.subject.name)
        for o in first.orgs:
            if not o.generic and fold(o.name) in name and o.kind in ("Municipality", "StateGovernment", "IHK"):
                self._link(o, {"carrier"}, first.lines(o.start, o.end))

    # -- records -------------------------------------------------------------------------------------------
    def _org(self, o: OrgMention, lines: list[int]) -> str:
        key = o.body.id if o.body is not None and fold(o.name) in {fold(n) for n in o.body.all_names()} else None
        key = key or fold(re.sub(r"\s*\b(?:e\.\s?V\.?|GmbH|mbH|AG)$", "", o.name))
        for k, org in self.orgs.items():
            if (
                k == key
                or fold(o.name) in {fold(a) for a in org.aliases}
                or (o.acronym and o.acronym in org.aliases and len(o.acronym) > 2)
            ):
                key = k
                break
        org = self.orgs.setdefault(key, Org(o.name, o.kind, o.body.id if o.body else None))
        branch = o.body is not None and is_branch_of(o.name, o.body)
        if branch and org.branch_of is None:
            org.branch_of = o.body
        org.written.append(o.name)
        org.aliases |= {o.name, *o.aliases} | ({o.acronym} if o.acronym else set())
        if o.body is not None and not branch:
            org.aliases |= {o.body.name}
        if org.branch_of is not None:  # a branch does not carry its national body's names
            own = {fold(n) for n in (*org.branch_of.all_names(), *org.branch_of.acronyms)}
            org.aliases = {a for a in org.aliases if fold(a) not in own}
        org.lines.update(lines)
        # the fullest form names it: with its legal form, not an acronym
        best = max(org.written, key=lambda n: (not n.isupper(), len(n)))
        org.name = best
        if org.kind == "Other" and o.kind != "Other":
            org.kind = o.kind
        return key

    def _link(self, o: OrgMention, roles: set[str], lines: list[int], s: Sentence | None = None) -> None:
        if (
            s is not None
            and self.elsewhere
            and (
                any(n in fold(s.text) for n in self.elsewhere)
                or any(
                    self.subject.word
                    and not w.endswith(self.subject.word.lower())
                    and not w.endswith(self.subject.word)
                    for w in head_words(s.text)
                )
            )
        ):
            return  # the sentence is about another initiative the loader recorded ("ein Verbundprojekt, das …")
        key = self._org(o, lines)
        got = self.links.setdefault((key, self.subject.name), (set(), set()))
        got[0].update(roles)
        got[1].update(lines)

    def _emit(self, result: LoadResult, target: Ref) -> None:
        doc = self.doc
        linked = {k for k, _ in self.links} | {key for _, _, key in self.people.values() if key}
        existing = {(lk.source.key, lk.target.key) for lk in result.links} | {
            (lk.target.key, lk.source.key) for lk in result.links
        }
        have = {e.key for e in result.entities if e.label == "Organization"}
        names: dict[str, str] = {}
        for key in linked:
            org = self.orgs[key]
            names[key] = org.name
            if org.name in have:
                if (org.name, target.key) not in existing:  # a link of ours: its names help resolution
                    entity = next(e for e in result.entities if e.label == "Organization" and e.key == org.name)
                    extra = [a for a in sorted(org.aliases) if a not in entity.aliases and a != entity.key]
                    entity.aliases.extend(a for a in extra if not _generic_alias(a))
                continue
            aliases = sorted(a for a in org.aliases if a != org.name and not _generic_alias(a))
            result.add("Organization", org.name, doc.ev(*org.lines), aliases=aliases, name=org.name, kind=org.kind)
        for (key, _), (roles, lines) in self.links.items():
            name = names[key]
            if (name, target.key) in existing:
                continue
            for role in sorted(roles):
                ref = Ref("Organization", name)
                if role == "funder" and target.label == "Initiative":
                    result.link("FUNDED_BY", target, ref, doc.ev(*lines), role=role)
                elif target.label == "Initiative":
                    result.link("MEMBER_OF", ref, target, doc.ev(*lines), role=role)
                else:
                    result.link("PARTNER_OF", ref, target, doc.ev(*lines), role=role)
        for key in sorted(linked):
            org, body = self.orgs[key], self.orgs[key].branch_of
            if body is None or body.name == names[key] or lexicon().lookup(names[key]):
                continue  # not a branch, or one the vocabulary knows (the resolver links those)
            own = {fold(n) for n in (*body.all_names(), *body.acronyms)}
            if any(names[key] in e.aliases or e.key == names[key] and any(fold(a) in own for a in e.aliases)
                   for e in result.entities if e.label == "Organization"):  # fmt: skip
                continue  # the loader already gave it the national body's name: a node would merge them
            # a regional branch is its own node, PART_OF its national body
            if body.name not in have and not any(e.key == body.name for e in result.entities if e.label ==
                                                 "Organization"):  # fmt: skip
                result.add("Organization", body.name, doc.ev(*sorted(org.lines)[:1]), aliases=list(body.acronyms),
                           name=body.name, kind=body.kind)  # fmt: skip
            result.link("PART_OF", Ref("Organization", names[key]), Ref("Organization", body.name),
                        doc.ev(*sorted(org.lines)[:1]))  # fmt: skip
        have_people = {e.key for e in result.entities if e.label == "Person"}
        for name, (p, lines, key) in self.people.items():
            if name in have_people or key is None or len(name.split()) < 2:
                continue
            props = {"name": name} | ({"honorific": p.honorific} if p.honorific else {})
            result.add("Person", name, doc.ev(*lines), **props)
            result.link("HOLDS_ROLE", Ref("Person", name), Ref("Organization", names[key]), doc.ev(*lines),
                        role=p.function)  # fmt: skip


def _generic_alias(a: str) -> bool:
    return len(a) < 2 or is_generic(a)


def read(doc: SourceDoc, result: LoadResult, known: dict[str, Ref], skip: set[int] | frozenset[int] = frozenset()):
    Reader(doc, skip).read(result, known)
