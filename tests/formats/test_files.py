"""The files residents get: large-print PDFs at 16pt or more, spoken audio, easy read that reads easily."""

from __future__ import annotations

import io
import wave
from datetime import date

import pytest
import textstat
from pdfminer.high_level import extract_pages, extract_text
from pdfminer.layout import LTChar, LTTextContainer

from intake.formats.audio import speak
from intake.formats.easy_read import MAX_WORDS, easy_read_acknowledgement, easy_read_text
from intake.formats.pdf import Page, large_print_pdf, letter_pdf
from intake.i18n import translations
from tests.factories import POLICY

ACK = ("Thank you. Your reference is ASB-2026-00042.\n\nAn ASB officer will contact you within 5 working days, "
       "by Wednesday, 9 December 2026. In an emergency call 999.")


def character_sizes(pdf: bytes) -> list[float]:
    sizes = []
    for page in extract_pages(io.BytesIO(pdf)):
        for box in page:
            if isinstance(box, LTTextContainer):
                sizes += [ch.size for line in box for ch in line if isinstance(ch, LTChar) and ch.get_text().strip()]
    return sizes


@pytest.mark.parametrize("language,text", [
    ("en", ACK),
    ("pl", "Dziękujemy. Twój numer referencyjny to ASB-2026-00042."),
    ("ur", "شکریہ۔ آپ کا حوالہ نمبر ASB-2026-00042 ہے۔"),
    ("pa", "ਧੰਨਵਾਦ। ਤੁਹਾਡਾ ਹਵਾਲਾ ਨੰਬਰ ASB-2026-00042 ਹੈ।"),
])
def test_every_character_of_a_large_print_letter_is_at_least_16pt(language, text):
    pdf = large_print_pdf(Page("Your report ASB-2026-00042", tuple(text.split("\n\n")), language))
    sizes = character_sizes(pdf)
    assert len(sizes) > 20
    assert min(sizes) >= 16, min(sizes)


def test_a_large_print_letter_embeds_a_sans_serif_truetype_font_and_keeps_the_words():
    pdf = large_print_pdf(Page("Your report", (ACK,), "en"))
    assert b"/FontFile2" in pdf  # an embedded TrueType font
    assert b"NotoSans" in pdf or b"DejaVuSans" in pdf
    assert "ASB-2026-00042" in extract_text(io.BytesIO(pdf))


def test_a_printed_letter_carries_the_address_block_and_date():
    pdf = letter_pdf(Page("Your report", ("Body text.",), "en", ("Sam Taylor", "12 Example Road", "DE1 2AB"),
                          date(2026, 12, 2)))
    text = extract_text(io.BytesIO(pdf))
    assert "Sam Taylor" in text and "DE1 2AB" in text and "2026-12-02" in text


@pytest.mark.parametrize("language", ["en", "ur"])
def test_audio_is_a_wav_file_with_a_real_duration(language):
    audio = speak(translations(language).gettext("Thank you for telling us."), language)
    with wave.open(io.BytesIO(audio)) as wav:
        seconds = wav.getnframes() / wav.getframerate()
    assert 0.5 < seconds < 30


def test_the_easy_read_acknowledgement_is_short_plain_and_has_a_picture_on_every_line():
    text = easy_read_acknowledgement("ASB-2026-00042", POLICY, translations("en"), anonymous=False, urgent=False,
                                     due="Wednesday, 9 December 2026")
    lines = text.splitlines()
    assert len(lines) >= 6
    for line in lines:
        icon, words = line.split(" ", 1)
        assert not icon.isalnum()
        assert len(words.split()) <= MAX_WORDS, line
    plain = "\n".join(line.split(" ", 1)[1] for line in lines)
    # Grade-level scores that need no pronouncing dictionary (textstat's syllable counter downloads one).
    assert textstat.automated_readability_index(plain) <= 6, textstat.automated_readability_index(plain)
    assert textstat.coleman_liau_index(plain) < textstat.coleman_liau_index(ACK)


def test_an_officers_long_sentence_is_split_for_easy_read():
    text = ("We spoke to your neighbour on Monday, we warned them about the noise late at night, "
            "and we will visit again next week to check that it has stopped.")
    lines = easy_read_text(text).splitlines()
    assert len(lines) == 3
    assert all(len(line.split()) <= MAX_WORDS + 1 for line in lines)
