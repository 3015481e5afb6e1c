"""A deliberately simple keyword classifier: the bar the trained model must clearly beat.

A short hand-written list per type, matched as whole words in the lower-cased text, no negation and
no model. If the trained pipeline cannot beat this, it is not worth its weight.
"""

from __future__ import annotations

import re
from functools import lru_cache

from intake.nlu.classification import Classification
from intake.policy import Policy

KEYWORDS: dict[str, tuple[str, ...]] = {
    "violence": ("hit", "punched", "assaulted", "attacked", "stabbed", "beat", "kicked", "glassed"),
    "domestic_abuse": ("domestic", "my ex", "partner", "husband", "boyfriend", "controlling"),
    "hate": ("racist", "racial", "homophobic", "hate crime", "because i'm", "go back to"),
    "harassment": ("threat", "threatened", "threatening", "harassment", "intimidating",
                   "following me", "stalking", "kill"),
    "drugs": ("drugs", "weed", "cannabis", "skunk", "dealing", "nos", "canisters", "needles"),
    "other_criminal": ("stolen", "stole", "theft", "burglary", "nicked", "fraud", "robbed"),
    "vandalism": ("graffiti", "smashed", "damaged", "vandalised", "keyed", "damage"),
    "verbal_abuse": ("swearing", "called me", "abuse", "abusive", "insults", "effing"),
    "sexual_activity": ("prostitute", "prostitution", "sex", "kerb crawling", "flashing"),
    "alcohol": ("drunk", "drinking", "alcohol", "cans", "booze"),
    "noise": ("noise", "music", "loud", "party", "banging", "shouting"),
    "shared_areas": ("stairwell", "stairs", "landing", "communal", "lift", "hallway", "bin store"),
    "vehicles": ("car", "cars", "parking", "parked", "motorbike", "bikes", "moped", "off road"),
    "animals": ("dog", "dogs", "barking", "cat", "cats", "pets", "fouling"),
    "litter_fly_tipping": ("rubbish", "fly tipping", "litter", "dumped", "bin bags", "mattress"),
    "garden": ("garden", "overgrown", "hedge", "weeds", "bonfire"),
}
DANGER_WORDS = ("knife", "weapon", "kicking the door", "breaking in", "fire", "attacking")
NOW_WORDS = ("now", "right now", "help")
VULNERABLE_WORDS = ("child", "children", "kids", "son", "daughter", "elderly", "disabled", "vulnerable")


@lru_cache(maxsize=64)
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")


def _has(text: str, words: tuple[str, ...]) -> bool:
    return bool(_pattern(words).search(text))


def classify_with_keywords(text: str, policy: Policy) -> Classification:
    lowered = (text or "").lower()
    found = [t for t in policy.seriousness if t in KEYWORDS and _has(lowered, KEYWORDS[t])]
    if not found:
        return Classification(types=(), category=None, group=None, confidence=1.0)
    danger = _has(lowered, DANGER_WORDS) and _has(lowered, NOW_WORDS)
    return Classification(
        types=tuple(found),
        category=policy.category_for(found),
        group=policy.types[found[0]].group,
        danger_now=danger,
        safeguarding=_has(lowered, VULNERABLE_WORDS),
        hate="hate" in found,
        confidence=1.0,
    )


def classify_many_with_keywords(texts: list[str], policy: Policy) -> list[Classification]:
    return [classify_with_keywords(text, policy) for text in texts]
