"""The landlord's ASB policy, loaded from one TOML file and validated at start-up.

Everything landlord-specific (types, categories, timescales, the Risk Assessment Matrix, Case Review
threshold and links, contact details, languages) comes from here, so the code never names Derby Homes.
A bad file stops start-up with a `PolicyError` naming the key at fault.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from intake.enums import ActGroup, Category, RiskLevel
from intake.errors import PolicyError

DEFAULT_POLICY_FILE = Path(__file__).parent / "policies" / "derby-homes.toml"


@dataclass(frozen=True)
class AsbType:
    id: str
    label: str
    category: Category
    group: ActGroup


@dataclass(frozen=True)
class RiskQuestion:
    id: str
    text: str
    score: int


@dataclass(frozen=True)
class Landlord:
    name: str
    phone: str
    office_hours: str
    website: str
    reference_prefix: str
    timezone: str
    holiday_country: str
    holiday_subdivision: str
    emergency_number: str
    non_emergency_number: str


@dataclass(frozen=True)
class CaseReview:
    incidents: int
    months: int
    phone: str
    links: tuple[str, ...]


@dataclass(frozen=True)
class Policy:
    landlord: Landlord
    timescales: dict[str, int]
    seriousness: tuple[str, ...]
    types: dict[str, AsbType]
    risk_questions: tuple[RiskQuestion, ...]
    risk_medium: int
    risk_high: int
    share_from_risk: RiskLevel
    partners: str
    case_review: CaseReview
    min_failed_contacts_for_no_contact: int
    expire_after_hours: int
    max_attempts: int
    languages: tuple[str, ...]
    default_language: str

    def most_serious(self, type_ids: list[str] | tuple[str, ...]) -> str | None:
        """The type that decides the category when a report mixes behaviours (policy 5.12)."""
        known = [t for t in self.seriousness if t in type_ids]
        return known[0] if known else None

    def category_for(self, type_ids: list[str] | tuple[str, ...]) -> Category | None:
        primary = self.most_serious(type_ids)
        return self.types[primary].category if primary else None

    def response_days(self, category: Category) -> int:
        return self.timescales[category.value]


def load_policy(path: str | Path | None = None) -> Policy:
    """Read and validate a policy file; `PolicyError` names the first bad key."""
    path = Path(path) if path else DEFAULT_POLICY_FILE
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise PolicyError(f"policy file not found: {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"policy file {path} is not valid TOML: {exc}") from exc
    return _build(_Reader(raw, str(path)))


class _Reader:
    """Typed access to the raw TOML that names the full key on any error."""

    def __init__(self, raw: dict[str, Any], where: str, prefix: str = "") -> None:
        self.raw, self.where, self.prefix = raw, where, prefix

    def key(self, name: str) -> str:
        return f"{self.prefix}{name}"

    def get(self, name: str, kind: type | tuple[type, ...]) -> Any:
        if name not in self.raw:
            raise PolicyError(f"{self.where}: missing key '{self.key(name)}'")
        value = self.raw[name]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise PolicyError(f"{self.where}: key '{self.key(name)}' has the wrong type")
        return value

    def table(self, name: str) -> _Reader:
        return _Reader(self.get(name, dict), self.where, f"{self.key(name)}.")

    def enum(self, name: str, enum: type) -> Any:
        value = self.get(name, str)
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(m.value for m in enum)
            raise PolicyError(f"{self.where}: key '{self.key(name)}' must be one of {allowed}") from None


def _build(r: _Reader) -> Policy:
    ll = r.table("landlord")
    landlord = Landlord(**{f: ll.get(f, str) for f in Landlord.__dataclass_fields__})
    types_r = r.table("types")
    types = {
        type_id: AsbType(
            type_id,
            types_r.table(type_id).get("label", str),
            types_r.table(type_id).enum("category", Category),
            types_r.table(type_id).enum("group", ActGroup),
        )
        for type_id in types_r.raw
    }
    seriousness = tuple(r.get("seriousness", list))
    if sorted(seriousness) != sorted(types):
        raise PolicyError(f"{r.where}: key 'seriousness' must list every type in [types] exactly once")
    timescales_r = r.table("timescales")
    timescales = {k: timescales_r.get(k, int) for k in ("CAT1", "CAT2", "first_contact")}
    risk = r.table("risk")
    questions = []
    for i, q in enumerate(risk.get("questions", list)):
        qr = _Reader(q, r.where, f"risk.questions[{i}].")
        questions.append(RiskQuestion(qr.get("id", str), qr.get("text", str), qr.get("score", int)))
    medium, high = risk.get("medium", int), risk.get("high", int)
    if not 0 < medium < high:
        raise PolicyError(f"{r.where}: key 'risk.medium' must be above 0 and below 'risk.high'")
    sharing, review, closing = r.table("sharing"), r.table("case_review"), r.table("closing")
    conversation, languages = r.table("conversation"), r.table("languages")
    offered = tuple(languages.get("offered", list))
    default_language = languages.get("default", str)
    if default_language not in offered:
        raise PolicyError(f"{r.where}: key 'languages.default' must be one of 'languages.offered'")
    return Policy(
        landlord=landlord,
        timescales=timescales,
        seriousness=seriousness,
        types=types,
        risk_questions=tuple(questions),
        risk_medium=medium,
        risk_high=high,
        share_from_risk=sharing.enum("share_from_risk", RiskLevel),
        partners=sharing.get("partners", str),
        case_review=CaseReview(
            review.get("incidents", int),
            review.get("months", int),
            review.get("phone", str),
            tuple(review.get("links", list)),
        ),
        min_failed_contacts_for_no_contact=closing.get("min_failed_contacts_for_no_contact", int),
        expire_after_hours=conversation.get("expire_after_hours", int),
        max_attempts=conversation.get("max_attempts", int),
        languages=offered,
        default_language=default_language,
    )
