"""Large-print and printable-letter PDFs (fpdf2), in a TrueType font that covers the language's script.

Large print follows the RNIB's clear print guidance: at least 16pt (we use 18pt body, 26pt heading),
sans-serif, aligned to the start of the line (left, or right for Urdu), black on white, generous spacing.
Fonts come from Debian's fonts-noto-core and fonts-dejavu (installed by the Makefile); a language whose
script font is missing falls back to DejaVu Sans, which covers Latin and basic Arabic.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import Align

from intake.i18n import RIGHT_TO_LEFT

log = logging.getLogger(__name__)

FONT_DIRS = (Path("/usr/share/fonts/truetype/noto"), Path("/usr/share/fonts/truetype/dejavu"))
LATIN = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf")
DEJAVU = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
# Script fonts by language; Latin-script languages use LATIN. Naskh reads well in print at large sizes.
SCRIPT_FONTS = {
    "pa": ("NotoSansGurmukhi-Regular.ttf", "NotoSansGurmukhi-Bold.ttf"),
    "ur": ("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"),
    "ar": ("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"),
}
SHAPING = {"pa": ("guru", "pan"), "ur": ("arab", "urd"), "ar": ("arab", "ara")}

LARGE_BODY_PT = 18
LARGE_HEADING_PT = 26
LETTER_BODY_PT = 12
LETTER_HEADING_PT = 16


class FontMissingError(RuntimeError):
    """No usable TrueType font at all: install fonts-dejavu-core (`make formats`)."""


def _find(name: str) -> Path | None:
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return folder / name
    return None


def _pair(names: tuple[str, str]) -> tuple[Path, Path] | None:
    regular, bold = _find(names[0]), _find(names[1])
    return (regular, bold or regular) if regular else None


@dataclass(frozen=True)
class Page:
    """What goes on paper: a heading, optional address block and date, then paragraphs."""

    title: str
    paragraphs: tuple[str, ...]
    language: str
    address_lines: tuple[str, ...] = ()
    dated: date | None = None


def _document(language: str) -> tuple[FPDF, str]:
    """A blank A4 document with fonts for the language; returns it and the body font family."""
    pdf = FPDF(format="A4")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    latin = _pair(LATIN) or _pair(DEJAVU)
    if latin is None:
        raise FontMissingError("no TrueType font found; run `make formats`")
    pdf.add_font("latin", "", str(latin[0]))
    pdf.add_font("latin", "B", str(latin[1]))
    script = _pair(SCRIPT_FONTS[language]) if language in SCRIPT_FONTS else None
    if language in SCRIPT_FONTS and script is None:
        log.warning("script font missing; falling back to DejaVu", extra={"language": language})
        script = _pair(DEJAVU)
    family = "latin"
    if script is not None:
        pdf.add_font("script", "", str(script[0]))
        pdf.add_font("script", "B", str(script[1]))
        pdf.set_fallback_fonts(["latin"])  # numbers, references and web addresses in Latin letters
        family = "script"
    shaping = SHAPING.get(language)
    pdf.set_text_shaping(use_shaping_engine=True, direction="rtl" if language in RIGHT_TO_LEFT else "ltr",
                         script=shaping[0] if shaping else None, language=shaping[1] if shaping else None)
    pdf.set_text_color(0, 0, 0)
    pdf.set_lang(language)
    return pdf, family


def _write(document: tuple[FPDF, str], page: Page, body_pt: int, heading_pt: int) -> bytes:
    pdf, family = document
    align = Align.R if page.language in RIGHT_TO_LEFT else Align.L
    pdf.set_title(page.title)
    pdf.add_page()
    pdf.set_font(family, "", body_pt)
    for line in page.address_lines:
        pdf.multi_cell(0, body_pt * 0.55, line, align=align, new_x="LMARGIN", new_y="NEXT")
    if page.address_lines:
        pdf.ln(body_pt * 0.5)
    if page.dated:
        pdf.multi_cell(0, body_pt * 0.55, page.dated.isoformat(), align=align, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(body_pt * 0.3)
    pdf.set_font(family, "B", heading_pt)
    pdf.multi_cell(0, heading_pt * 0.6, page.title, align=align, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(heading_pt * 0.3)
    pdf.set_font(family, "", body_pt)
    for paragraph in page.paragraphs:
        for line in paragraph.split("\n"):
            pdf.multi_cell(0, body_pt * 0.6, line, align=align, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(body_pt * 0.35)
    return bytes(pdf.output())


def large_print_pdf(page: Page) -> bytes:
    return _write(_document(page.language), page, LARGE_BODY_PT, LARGE_HEADING_PT)


def letter_pdf(page: Page) -> bytes:
    """A printable letter: address block for a window envelope, date, heading, body."""
    return _write(_document(page.language), page, LETTER_BODY_PT, LETTER_HEADING_PT)
