"""The NLU's answer about one report: the only NLU type other packages see."""

from __future__ import annotations

from dataclasses import dataclass, field

from intake.enums import ActGroup, Category


@dataclass(frozen=True)
class Classification:
    """What the resident's words suggest; a proposal the resident (and later an officer) confirms.

    `types` holds every ASB type found, most serious first; `primary` is `types[0]` and decides the
    category (policy 5.12). Empty `types` means the text does not look like ASB (`not_asb`).
    """

    types: tuple[str, ...]
    category: Category | None
    group: ActGroup | None
    danger_now: bool = False
    safeguarding: bool = False
    hate: bool = False
    confidence: float = 0.0
    scores: dict[str, float] = field(default_factory=dict)

    @property
    def primary(self) -> str | None:
        return self.types[0] if self.types else None
