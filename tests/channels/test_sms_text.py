"""Replies rendered for a phone: numbered options, and long replies split at sensible points."""

from __future__ import annotations

from intake.channels.sms_text import MAX_MESSAGE_CHARS, render_choices, render_messages, split_text


def test_two_short_choices_read_reply_1_for_yes_2_for_no():
    assert render_choices([("yes", "Yes"), ("no", "No")]) == "Reply 1 for Yes, 2 for No."


def test_long_or_many_choices_are_listed_one_per_line():
    rendered = render_choices([("yes", "Yes, someone is in danger now"), ("no", "No")])
    assert rendered == "Reply with a number:\n1 Yes, someone is in danger now\n2 No"


def test_a_single_shortcut_is_offered_as_the_word_itself():
    assert render_choices([("skip", "Skip")]) == 'Or reply "Skip".'


def test_a_short_reply_is_one_message():
    assert render_messages("Is it still happening?", [("yes", "Yes"), ("no", "No")]) == [
        "Is it still happening?\n\nReply 1 for Yes, 2 for No."]


def test_a_long_reply_is_split_between_paragraphs_and_nothing_is_lost():
    paragraphs = [f"Paragraph {n}. " + "word " * 150 for n in range(5)]
    text = "\n\n".join(p.strip() for p in paragraphs)
    parts = split_text(text)
    assert len(parts) > 1 and all(len(p) <= MAX_MESSAGE_CHARS for p in parts)
    assert all(p.startswith("Paragraph") for p in parts)  # every cut is at a paragraph break
    assert "\n\n".join(parts) == text


def test_a_paragraph_longer_than_a_message_is_cut_between_sentences_then_words():
    sentences = " ".join(f"Sentence number {n} is here." for n in range(120))
    parts = split_text(sentences)
    assert all(len(p) <= MAX_MESSAGE_CHARS for p in parts)
    assert all(p.endswith(".") for p in parts)
    assert " ".join(parts) == sentences
    words = split_text("word " * 1000)
    assert all(len(p) <= MAX_MESSAGE_CHARS and not p.endswith(" ") for p in words)
    assert " ".join(words).split() == ["word"] * 1000
