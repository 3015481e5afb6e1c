"""Segment counting, table-tested: it is what the landlord pays for each text."""

from __future__ import annotations

import pytest

from intake.channels.segments import Encoding, count_segments, encoding_of, smart_encode

CASES = [
    # (text, encoding, units, segments)
    ("", Encoding.GSM7, 0, 1),
    ("Hello", Encoding.GSM7, 5, 1),
    ("a" * 160, Encoding.GSM7, 160, 1),
    ("a" * 161, Encoding.GSM7, 161, 2),
    ("a" * 306, Encoding.GSM7, 306, 2),
    ("a" * 307, Encoding.GSM7, 307, 3),
    ("£@é Ä ñ ¿", Encoding.GSM7, 9, 1),
    ("€" * 80, Encoding.GSM7, 160, 1),  # an extension character costs two septets
    ("€" * 81, Encoding.GSM7, 162, 2),
    ("a" * 152 + "€" + "a" * 10, Encoding.GSM7, 164, 2),
    ("a" * 152 + "€" + "a" * 152, Encoding.GSM7, 306, 3),  # the escape pair is not split: part one holds 152
    ("Thanks 👍", Encoding.UCS2, 9, 1),  # the emoji is two UTF-16 units
    ("a" * 69 + "😀", Encoding.UCS2, 71, 2),
    ("a" * 68 + "😀", Encoding.UCS2, 70, 1),
    ("ż" * 70, Encoding.UCS2, 70, 1),
    ("ż" * 71, Encoding.UCS2, 71, 2),
    ("ż" * 134, Encoding.UCS2, 134, 2),
    ("ż" * 135, Encoding.UCS2, 135, 3),
    ("a" * 66 + "😀" + "a" * 66, Encoding.UCS2, 134, 3),  # the surrogate pair is not split across parts
    ("He said “stop” – I’m scared", Encoding.UCS2, 27, 1),
]


@pytest.mark.parametrize(("text", "encoding", "units", "segments"), CASES)
def test_segments_are_counted_as_the_network_bills_them(text: str, encoding: Encoding, units: int, segments: int):
    count = count_segments(text)
    assert (count.encoding, count.units, count.segments) == (encoding, units, segments)


def test_one_emoji_turns_a_one_segment_gsm_message_into_a_three_segment_ucs2_one():
    text = "Your report is with our team. " * 5  # 150 characters of plain text
    assert count_segments(text).segments == 1
    assert count_segments(text + "🙂").segments == 3


def test_smart_encoding_swaps_typography_for_gsm_look_alikes_but_leaves_other_scripts():
    assert smart_encode("He said “stop” – I’m scared…") == 'He said "stop" - I\'m scared...'
    assert encoding_of(smart_encode("“quoted” — dash")) is Encoding.GSM7
    assert smart_encode("Polski: ż, ਪੰਜਾਬੀ") == "Polski: ż, ਪੰਜਾਬੀ"
