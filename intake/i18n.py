"""Translations for resident-facing text. Catalogues live in intake/translations/<lang>/LC_MESSAGES.

Every resident-facing string is written as `_("English text")` so Babel can extract it; a language
with no catalogue falls back to English rather than failing.
"""

from __future__ import annotations

import gettext
from functools import lru_cache
from pathlib import Path

TRANSLATIONS_DIR = Path(__file__).parent / "translations"


@lru_cache(maxsize=32)
def translations(language: str) -> gettext.NullTranslations:
    return gettext.translation("messages", TRANSLATIONS_DIR, languages=[language], fallback=True)


# Each language named in itself, as a resident looking for theirs would read it.
LANGUAGE_NAMES = {
    "en": "English",
    "pl": "Polski",
    "pa": "ਪੰਜਾਬੀ",
    "ur": "اردو",
    "sk": "Slovenčina",
    "ro": "Română",
    "cs": "Čeština",
    "ar": "العربية",
    "ku": "Kurdî",
    "so": "Soomaali",
}
RIGHT_TO_LEFT = {"ur", "ar"}


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)
