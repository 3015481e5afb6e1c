"""Translations for resident-facing text. Catalogues live in intake/translations/<lang>/LC_MESSAGES.

Every resident-facing string is written as `_("English text")` so Babel can extract it (`make
translations`). The committed `.po` files are the source of truth: they are compiled in memory the
first time a language is used, so a stale `.mo` can never be served and there is no build step.
A language with no catalogue falls back to English rather than failing.
"""

from __future__ import annotations

import io
from functools import lru_cache
from gettext import NullTranslations
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

TRANSLATIONS_DIR = Path(__file__).parent / "translations"


def catalogue_path(language: str) -> Path:
    return TRANSLATIONS_DIR / language / "LC_MESSAGES" / "messages.po"


@lru_cache(maxsize=32)
def translations(language: str) -> NullTranslations:
    """The language's catalogue; English (the msgids themselves) when there is none."""
    path = catalogue_path(language)
    if not path.exists():
        return NullTranslations()
    with path.open("rb") as po:
        catalogue = read_po(po, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return Translations(compiled)


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
# The languages' names in English, which residents also type to switch.
ENGLISH_NAMES = {
    "en": "english", "pl": "polish", "pa": "punjabi", "ur": "urdu", "sk": "slovak", "ro": "romanian",
    "cs": "czech", "ar": "arabic", "ku": "kurdish", "so": "somali",
}
RIGHT_TO_LEFT = {"ur", "ar"}


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def direction(code: str) -> str:
    """`rtl` for languages written right to left (Urdu, Arabic), else `ltr`."""
    return "rtl" if code in RIGHT_TO_LEFT else "ltr"


def N_(message: str) -> str:
    """Marks a string for extraction where it is defined; it is translated where it is shown."""
    return message
