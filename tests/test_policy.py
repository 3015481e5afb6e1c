"""The policy file: Derby Homes' loads; a bad file stops start-up naming the key at fault."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from intake.enums import ActGroup, Category
from intake.errors import PolicyError
from intake.policy import DEFAULT_POLICY_FILE, load_policy

CAT1 = {"harassment", "violence", "domestic_abuse", "hate"}
CAT2 = {"drugs", "noise", "verbal_abuse", "vandalism", "alcohol", "sexual_activity", "other_criminal",
        "shared_areas", "animals", "vehicles", "litter_fly_tipping", "garden"}


def test_derby_homes_policy_has_every_type_with_its_category() -> None:
    policy = load_policy()
    assert {t for t, v in policy.types.items() if v.category is Category.CAT1} == CAT1
    assert {t for t, v in policy.types.items() if v.category is Category.CAT2} == CAT2
    assert policy.timescales == {"CAT1": 1, "CAT2": 5, "first_contact": 5}
    assert policy.case_review.incidents == 3 and policy.case_review.months == 6
    assert {ActGroup(v.group) for v in policy.types.values()} == set(ActGroup)
    assert policy.landlord.phone == "01332 888777"


def write_variant(tmp_path: Path, pattern: str, replacement: str) -> Path:
    text = DEFAULT_POLICY_FILE.read_text()
    changed, count = re.subn(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert count == 1
    path = tmp_path / "policy.toml"
    path.write_text(changed)
    return path


@pytest.mark.parametrize(
    ("pattern", "replacement", "named"),
    [
        (r'^category = "CAT2"', 'category = "CAT3"', "types.drugs.category"),
        (r"^CAT1 = 1", 'CAT1 = "one"', "timescales.CAT1"),
        (r'^phone = "01332 888777"\n', "", "landlord.phone"),
        (r"^medium = 5", "medium = 50", "risk.medium"),
        (r'^  "violence", ', "  ", "seriousness"),
    ],
)
def test_a_bad_policy_file_names_the_bad_key(tmp_path: Path, pattern: str, replacement: str, named: str) -> None:
    with pytest.raises(PolicyError, match=re.escape(named)):
        load_policy(write_variant(tmp_path, pattern, replacement))


def test_another_landlord_can_use_its_own_file(tmp_path: Path) -> None:
    policy = load_policy(write_variant(tmp_path, r'^name = "Derby Homes"', 'name = "Example Housing"'))
    assert policy.landlord.name == "Example Housing"


def test_a_missing_policy_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="not found"):
        load_policy(tmp_path / "nope.toml")
