"""Every catalogue translates every resident-facing message, keeping its placeholders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from intake.i18n import catalogue_path, translations
from intake.policy import load_policy

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = [code for code in load_policy().languages if code != "en"]
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def source_messages() -> set[str]:
    """Extracted from the code, templates and policy file exactly as `make translations` does."""
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = extract_from_dir(str(ROOT), method_map, options_map, keywords={"_": None, "N_": None})
    return {message for _file, _line, message, _comments, _context in found if message}


MESSAGES = source_messages()


def test_extraction_finds_conversation_template_and_policy_strings():
    assert "Is anyone in danger right now?" in MESSAGES  # t._() in the conversation
    assert "Exit this page" in MESSAGES  # a template
    assert "Noise" in MESSAGES and "Monday to Friday, 9am to 5pm" in MESSAGES  # the policy file


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_offered_language_has_a_complete_catalogue(language):
    with catalogue_path(language).open("rb") as po:
        catalogue = read_po(po, locale=language)
    missing = sorted(m for m in MESSAGES if m not in catalogue)
    empty = sorted(m.id for m in catalogue if m.id and not m.string)
    fuzzy = sorted(m.id for m in catalogue if m.id and m.fuzzy)
    assert not missing, f"{language} misses {missing}"
    assert not empty, f"{language} leaves empty {empty}"
    assert not fuzzy, f"{language} has unchecked (fuzzy) {fuzzy}"
    for message in catalogue:
        if message.id:
            assert sorted(PLACEHOLDER.findall(message.id)) == sorted(PLACEHOLDER.findall(message.string)), message.id


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_catalogue_is_used_and_differs_from_english(language):
    assert translations(language).gettext("Is anyone in danger right now?") != "Is anyone in danger right now?"


def test_a_language_without_a_catalogue_falls_back_to_english():
    assert translations("xx").gettext("Is anyone in danger right now?") == "Is anyone in danger right now?"
