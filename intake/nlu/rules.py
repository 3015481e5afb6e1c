"""Rule components for what must never depend on the model alone: danger now, safeguarding, hate,
and the plain words of an urgent (CAT1) report.

Each is a spaCy component (`@Language.factory`) built from `lexicons` with a `PhraseMatcher` on
lower-cased tokens plus a few `Matcher` patterns (present tense "he's kicking", ages "15yr old").
A trigger inside a negation scope ("they weren't threatening") does not count. The components set
`doc._.rule_danger_now`, `doc._.rule_safeguarding`, `doc._.rule_hate` and `doc._.rule_cat1` (the
CAT1 types whose cue words appear); `intake.nlu.decision` combines them with the model's scores.
`doc._.rule_past_only` marks a report about the past only, which vetoes the danger classifier on
its own.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.attrs import IS_PUNCT, LOWER
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.strings import hash_string
from spacy.tokens import Doc

from intake.nlu import lexicons as lex
from intake.nlu.negation import find_negated

Span = tuple[int, int]
DANGER_WINDOW = 12
SAFEGUARDING_WINDOW = 25
HATE_WINDOW = 8
# spaCy splits "hes" but not "HES": upper-case contractions without an apostrophe stay one token.
_AUX = ["s", "'s", "’s", "is", "are", "re", "'re", "’re", "am", "m", "'m", "’m",
        "hes", "shes", "theyre", "im"]
_FILLERS = ["trying", "still", "now", "literally", "currently", "just", "actually", "to", "all"]
_RULE_FLAGS = ("rule_danger_now", "rule_past_only", "rule_safeguarding", "rule_hate")
_NEGATION_KEY = "intake_negation"
_CLAUSE_WORDS = frozenset(hash_string(w) for w in ("but", "although", "though"))


def register_extensions() -> None:
    for name in _RULE_FLAGS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=False)
    if not Doc.has_extension("rule_cat1"):
        Doc.set_extension("rule_cat1", default=())


class TriggerFinder:
    """Finds non-negated lexicon phrases and patterns in a doc, grouped by name."""

    def __init__(self, nlp: Language, phrases: dict[str, Iterable[str]],
                 patterns: dict[str, list[list[dict]]] | None = None,
                 anchors: Iterable[str] | None = None) -> None:
        """`anchors`, if given, are words of which every pattern needs one (checked here): a doc
        with none of them cannot match, and skips the `Matcher`."""
        self.phrase_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for name, group in phrases.items():
            self.phrase_matcher.add(name, list(nlp.tokenizer.pipe(sorted(set(group)))))
        self.matcher = Matcher(nlp.vocab)
        for name, group_patterns in (patterns or {}).items():
            self.matcher.add(name, group_patterns)
        self.anchors: frozenset[int] | None = None
        if anchors is not None:
            words = frozenset(anchors)
            for group_patterns in (patterns or {}).values():
                for pattern in group_patterns:
                    if not _needs_one_of(pattern, words):
                        raise ValueError(f"a pattern can match without an anchor word: {pattern}")
            self.anchors = frozenset(hash_string(word) for word in words)

    def find(self, doc: Doc, patterns: bool = True) -> dict[str, list[Span]]:
        """Phrase matches, plus pattern matches when `patterns` (the `Matcher` walks every token
        in Python, so components ask for it only when a phrase makes it matter) and the doc has
        an anchor word."""
        negated = doc_negation(doc)
        matches = self.phrase_matcher(doc)
        if patterns and len(self.matcher) and self._may_match(doc):
            matches += self.matcher(doc)
        found: dict[str, list[Span]] = {}
        for match_id, start, end in matches:
            if not negated[start]:
                found.setdefault(doc.vocab.strings[match_id], []).append((start, end))
        return found

    def _may_match(self, doc: Doc) -> bool:
        return self.anchors is None or not self.anchors.isdisjoint(doc.to_array(LOWER).tolist())


def _needs_one_of(pattern: list[dict], words: frozenset[str]) -> bool:
    """Whether some token the pattern requires (no "OP") must be lower-cased one of `words`."""
    for token in pattern:
        lower = token.get("LOWER")
        if "OP" in token or lower is None:
            continue
        values = lower.get("IN", []) if isinstance(lower, dict) else [lower]
        if values and set(values) <= words:
            return True
    return False


def doc_negation(doc: Doc) -> list[bool]:
    """Negation scopes over the doc's tokens, computed once and shared by the three components."""
    if _NEGATION_KEY not in doc.user_data:
        words = [doc.vocab.strings[key] for key in doc.to_array(LOWER).tolist()]
        doc.user_data[_NEGATION_KEY] = find_negated(words)
    return doc.user_data[_NEGATION_KEY]


def distance(a: Span, b: Span) -> int:
    """Tokens between two spans; 0 when they touch or overlap."""
    return max(0, b[0] - a[1], a[0] - b[1])


def nearest(span: Span, others: Iterable[Span]) -> int | None:
    gaps = [distance(span, other) for other in others]
    return min(gaps) if gaps else None


def clause_ids(doc: Doc) -> list[int]:
    """Clause number per token: clauses end at punctuation and at "but"/"although"."""
    ids, current = [], 0
    for is_punct, lower in doc.to_array([IS_PUNCT, LOWER]).tolist():
        ids.append(current)
        if is_punct or lower in _CLAUSE_WORDS:
            current += 1
    return ids


def is_danger_now(found: dict[str, list[Span]], clauses: list[int]) -> bool:
    """A weapon or attack that is happening as the resident writes.

    "Now" is a present-tense attack ("he's kicking the door in") or a now-marker near the trigger;
    a past-marker in the trigger's own clause rules it out ("last year he had a knife, now it's
    just music" is not danger now).
    """
    past_clauses = {clauses[start] for start, _ in found.get("PAST", [])}
    for threat in found.get("WEAPON", []) + found.get("ATTACK", []):
        if nearest(threat, found.get("PROGRESSIVE", [])) == 0:
            return True
        if clauses[threat[0]] in past_clauses:
            continue
        now_gap = nearest(threat, found.get("NOW", []))
        if now_gap is not None and now_gap <= DANGER_WINDOW:
            return True
    return False


def is_past_only(found: dict[str, list[Span]]) -> bool:
    """The report dates what it describes ("last month") and says nothing is happening now."""
    return bool(found.get("PAST")) and not found.get("IMMEDIATE") and not found.get("PROGRESSIVE")


def is_safeguarding(found: dict[str, list[Span]]) -> bool:
    """A child or vulnerable adult mentioned near a harm, or an exploitation term on its own."""
    if found.get("EXPLOITATION"):
        return True
    people = found.get("VULNERABLE", []) + found.get("AGE", [])
    risks = found.get("RISK", [])
    return any((gap := nearest(person, risks)) is not None and gap <= SAFEGUARDING_WINDOW
               for person in people)


def is_hate(found: dict[str, list[Span]]) -> bool:
    """An explicit hate cue or slur, or a protected characteristic next to abuse ("black" in a
    black eye or black bags is a colour, not a person)."""
    if found.get("HATE_CUE"):
        return True
    abuse = found.get("ABUSE", [])
    colours = found.get("COLOUR", [])
    return any((gap := nearest(group, abuse)) is not None and gap <= HATE_WINDOW
               and nearest(group, colours) != 0
               for group in found.get("PROTECTED", []))


def dropping_g(phrases: Iterable[str]) -> tuple[str, ...]:
    """The phrases and their spoken forms, as residents type them: "kicking off" gives
    "kickin off" too."""
    dropped = {" ".join(w[:-1] if w.endswith("ing") else w for w in p.split()) for p in phrases}
    return tuple(sorted(set(phrases) | dropped))


_ATTACKS = dropping_g(lex.ATTACK_NOW)


def _progressive_patterns() -> list[list[dict]]:
    attack_words = sorted(dropping_g({p.split()[0] for p in lex.ATTACK_NOW
                                      if p.split()[0].endswith("ing")}))
    aux = {"LOWER": {"IN": _AUX}}
    filler = {"LOWER": {"IN": _FILLERS}, "OP": "?"}
    return [
        [aux, filler, filler, {"LOWER": {"IN": attack_words}}],
        [aux, {"LOWER": "got"}, {"LOWER": {"IN": ["a", "an", "his", "her", "their", "the"]}, "OP": "?"},
         {"LOWER": {"IN": [w for w in lex.WEAPONS if " " not in w]}}],
        [{"LOWER": {"IN": ["with", "holding", "waving", "carrying"]}},
         {"LOWER": {"IN": ["a", "an", "his", "her", "their", "the"]}, "OP": "?"},
         {"LOWER": {"IN": [w for w in lex.WEAPONS if " " not in w]}},
         {"LOWER": {"IN": ["now", "rn", "atm", "outside", "at", "in", "right"]}}],
    ]


_AGE_WORDS = ("old", "olds", "yo")
_AGE_SHORTHAND = tuple(f"{n}{unit}" for n in range(1, 100) for unit in ("yr", "yrs", "yo"))
_AGE_LEADS = ("aged", "age")
_AGE_PATTERNS = [
    [{"LIKE_NUM": True}, {"LOWER": {"IN": ["-", "year", "yr", "years", "yrs"]}, "OP": "?"},
     {"LOWER": {"IN": ["-", "year", "yr", "years", "yrs"]}, "OP": "?"},
     {"LOWER": {"IN": list(_AGE_WORDS)}}],
    [{"LOWER": {"IN": list(_AGE_SHORTHAND)}}],
    [{"LOWER": {"IN": list(_AGE_LEADS)}}, {"LIKE_NUM": True}],
]


@Language.factory("danger_now_rule")
def make_danger_now_rule(nlp: Language, name: str) -> DangerNowRule:
    return DangerNowRule(nlp)


class DangerNowRule:
    def __init__(self, nlp: Language) -> None:
        register_extensions()
        self.finder = TriggerFinder(
            nlp,
            {"WEAPON": lex.WEAPONS, "ATTACK": _ATTACKS, "NOW": lex.NOW_MARKERS,
             "IMMEDIATE": lex.IMMEDIATE_MARKERS, "PAST": lex.PAST_MARKERS},
            {"PROGRESSIVE": _progressive_patterns()},
        )

    def __call__(self, doc: Doc) -> Doc:
        found = self.finder.find(doc, patterns=False)
        if found.get("WEAPON") or found.get("ATTACK"):
            found = self.finder.find(doc)
            doc._.rule_danger_now = is_danger_now(found, clause_ids(doc))
        else:
            doc._.rule_danger_now = False
        doc._.rule_past_only = is_past_only(found)
        return doc


@Language.factory("safeguarding_rule")
def make_safeguarding_rule(nlp: Language, name: str) -> SafeguardingRule:
    return SafeguardingRule(nlp)


class SafeguardingRule:
    def __init__(self, nlp: Language) -> None:
        register_extensions()
        exploitation = [w for w in lex.SAFEGUARDING_RISKS if w.startswith(("exploit", "groom", "cuckoo"))]
        self.finder = TriggerFinder(
            nlp,
            {"VULNERABLE": lex.VULNERABLE, "RISK": lex.SAFEGUARDING_RISKS,
             "EXPLOITATION": [*exploitation, "county lines"]},
            {"AGE": _AGE_PATTERNS}, anchors={*_AGE_WORDS, *_AGE_SHORTHAND, *_AGE_LEADS},
        )

    def __call__(self, doc: Doc) -> Doc:
        found = self.finder.find(doc, patterns=False)
        if found.get("RISK") and not found.get("EXPLOITATION"):
            found = self.finder.find(doc)
        doc._.rule_safeguarding = is_safeguarding(found)
        return doc


# The resident accused of bigotry ("called me a racist", "says I'm homophobic"): a dispute, not a
# hate incident against them. None of the 16 train and dev reports worded so is labelled hate.
_BIGOTED = ("racist", "homophobic", "transphobic", "islamophobic", "homophobe")
# ...but "called me a racist name" is the hate itself.
_HATEFUL_THINGS = frozenset({"name", "names", "abuse", "slur", "slurs", "comment", "comments",
                             "remark", "remarks", "word", "words", "insult", "insults", "chant",
                             "chants", "graffiti", "note", "notes", "letter", "joke", "jokes"})
_ACCUSED = [
    [{"LOWER": "me"}, {"LOWER": {"IN": ["a", "an"]}, "OP": "?"}, {"LOWER": {"IN": list(_BIGOTED)}}],
    [{"LOWER": "i"}, {"LOWER": {"IN": ["m", "'m", "’m", "am"]}},
     {"LOWER": {"IN": ["a", "an"]}, "OP": "?"}, {"LOWER": {"IN": list(_BIGOTED)}}],
]


@Language.factory("hate_rule")
def make_hate_rule(nlp: Language, name: str) -> HateRule:
    return HateRule(nlp)


class HateRule:
    def __init__(self, nlp: Language) -> None:
        register_extensions()
        self.finder = TriggerFinder(
            nlp, {"HATE_CUE": _standalone_hate_cues(), "PROTECTED": lex.PROTECTED,
                  "ABUSE": lex.ABUSE_VERBS, "COLOUR": lex.BLACK_THINGS},
            {"ACCUSED": _ACCUSED}, anchors=_BIGOTED,
        )

    def __call__(self, doc: Doc) -> Doc:
        found = self.finder.find(doc)
        accused = [(start, end) for start, end in found.pop("ACCUSED", [])
                   if end == len(doc) or doc[end].lower_ not in _HATEFUL_THINGS]
        for name in ("HATE_CUE", "PROTECTED"):
            if accused and name in found:
                found[name] = [span for span in found[name] if nearest(span, accused) != 0]
        doc._.rule_hate = is_hate(found)
        return doc


def _standalone_hate_cues() -> tuple[str, ...]:
    ambiguous = set(lex.HATE_CUES_NEEDING_CONTEXT)
    return tuple(cue for cue in lex.HATE_CUES if cue not in ambiguous)


def phrase_patterns(phrases: Iterable[str]) -> list[list[dict]]:
    """Token patterns matching exactly these phrases, one per shared beginning ("my son", "my
    wife" -> "my" + one of "son", "wife"): the Matcher's time grows with its number of patterns."""
    endings: dict[tuple[str, ...], set[str]] = {}
    for phrase in phrases:
        *beginning, last = phrase.split()
        endings.setdefault(tuple(beginning), set()).add(last)
    return [[*({"LOWER": word} for word in beginning), {"LOWER": {"IN": sorted(lasts)}}]
            for beginning, lasts in sorted(endings.items())]


_THROWN = ("threw", "thrown", "chucked", "lobbed", "throwing", "chucking")


@Language.factory("cat1_cue_rule")
def make_cat1_cue_rule(nlp: Language, name: str) -> Cat1CueRule:
    return Cat1CueRule(nlp)


class Cat1CueRule:
    """The CAT1 types a report names in plain words: "I was assaulted", "need help dv", "said hed
    batter me", "punched my son".

    The model misses such reports when they are short or use words the corpus rarely has (the
    dev split's missed CAT1 reports were mostly of this kind), and a missed CAT1 report is the
    worst error the service can make. The cues are specific enough to be trusted without the
    model; `decision.decide` adds a cued type only when the model found no CAT1 type.
    """

    def __init__(self, nlp: Language) -> None:
        register_extensions()
        victims = phrase_patterns(lex.VICTIMS)
        threat = [[{"LOWER": {"IN": list(lex.THREAT_LEADS)}}, {"IS_PUNCT": False, "OP": "?"},
                   {"IS_PUNCT": False, "OP": "?"}, {"LOWER": {"IN": list(lex.HARM_VERBS)}},
                   {"LOWER": {"IN": list(lex.THREAT_TARGETS)}}]]
        attack = [[{"LOWER": {"IN": list(lex.VIOLENCE_VERBS)}},
                   {"LOWER": {"IN": ["up", "on", "into"]}, "OP": "?"}, *victim] for victim in victims]
        passive = [[{"LOWER": {"IN": ["got", "was", "been", "being", "get", "getting", "gets"]}},
                    {"LOWER": {"IN": list(lex.PASSIVE_VIOLENCE)}}]]
        thrown = [[{"LOWER": {"IN": list(_THROWN)}},
                   *[{"IS_PUNCT": False, "OP": "?"}] * 4, {"LOWER": "at"}, *target]
                  for target in ([{"LOWER": {"IN": ["me", "him", "us"]}}],
                                 [{"LOWER": {"IN": ["my", "his", "her"]}},
                                  {"LOWER": {"IN": ["face", "head", "son", "daughter", "kids"]}}])]
        # Four in five reports have none of these words and skip the Matcher, which ran on every
        # report and was the rules' largest cost.
        anchors = {*lex.HARM_VERBS, *lex.VIOLENCE_VERBS, *lex.PASSIVE_VIOLENCE, *_THROWN}
        self.finder = TriggerFinder(
            nlp, {**lex.CAT1_CUES, "LONG_PAST": lex.LONG_PAST},
            {"harassment": threat, "violence": attack + passive + thrown}, anchors)

    def __call__(self, doc: Doc) -> Doc:
        found = self.finder.find(doc)
        if found and _laughs(doc):
            found = {}
        if "violence" in found:
            found["violence"] = [span for span in found["violence"] if not _near_miss(doc, span)]
            if not found["violence"]:
                del found["violence"]
        past = found.pop("LONG_PAST", []) + (_dated_past(doc) if found else [])
        if past:
            clauses = clause_ids(doc)
            past_clauses = {clauses[start] for start, _ in past}
            found = {name: spans for name, spans in found.items()
                     if any(clauses[start] not in past_clauses for start, _ in spans)}
        doc._.rule_cat1 = tuple(sorted(found))
        return doc


_IN_YEAR = frozenset({"in", "during"})


def _dated_past(doc: Doc) -> list[Span]:
    """ "he punched my son in 2019", "back in 2014": history dated by its year, which the
    `LONG_PAST` phrases cannot list. Looked for only when a cue was found: "in" is in most
    reports, so a `Matcher` pattern anchored on it would run on nearly every one."""
    return [(i - 1, i + 1) for i in range(1, len(doc))
            if doc[i - 1].lower_ in _IN_YEAR and len(doc[i]) == 4 and doc[i].text.isdigit()
            and doc[i].text[:2] in ("19", "20")]


def _laughs(doc: Doc) -> bool:
    """ "im gonna kill my boiler engineer lol": the cues are trusted without the model, so a
    message that laughs gets no cue. In the train and dev splits, all 19 messages with laughter
    where a cue fired were not CAT1, and no CAT1 message relied on a cue."""
    return any(token.lower_ in lex.LAUGHTER or token.lower_.startswith(lex.LAUGHTER_BEGINNINGS)
               for token in doc)


_NEAR = frozenset({"nearly", "almost", "narrowly", "nearlly", "nearley"})


def _near_miss(doc: Doc, span: Span) -> bool:
    """ "Nearly hit my kid": a scrambler or a falling branch that missed, not an assault."""
    start = span[0]
    return start > 0 and doc[start].lower_ == "hit" and doc[start - 1].lower_ in _NEAR


RULE_COMPONENTS = ("danger_now_rule", "safeguarding_rule", "hate_rule", "cat1_cue_rule")
