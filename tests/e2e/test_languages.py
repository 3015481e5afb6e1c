"""Residents report and are answered in their own language; "language" or a language's name switches it."""

from __future__ import annotations

from sqlalchemy import select

from intake.i18n import translations
from intake.models import Case, Conversation, Resident
from tests.e2e.test_web_report import say

UR = translations("ur").gettext

# A whole report in Urdu, answered by number or in Urdu (as the buttons send their labels).
URDU_REPORT = [
    ("السلام علیکم", UR("Is anyone in danger right now?")),
    (UR("No"), UR("Please tell us what is happening, in your own words.")),
    ("رات بھر اونچی موسیقی اور سیڑھیوں پر منشیات کا کاروبار ہوتا ہے", UR("Which of these best describe it? You can choose more than one, for example 2 and 5.")),
    ("5, 11", UR("When did it happen, or when did it start? For example: last night at 11pm, or since March.")),
    ("پچھلے مہینے سے", UR("Is it still happening?")),
    (UR("Yes, it is still going on"), UR("Where is it happening? Please give the address or the street and a postcode if you know it.")),
    ("Flat 4, 12 Example Road, DE1 2AB", UR("Do you know who is responsible? Tell us anything you know, or choose Skip.")),
    (UR("Skip"), UR("Do you feel unsafe in your home or when you go out because of this?")),
    (UR("No"), UR("Is it affecting your physical or mental health, or your sleep?")),
    (UR("Yes"), UR("Does anyone in your home have a disability, long-term illness or other vulnerability?")),
    ("2", UR("Are children in your home affected?")),
    ("2", UR("Do you think you are being targeted, for example because of who you are?")),
    ("2", UR("Has it made you think about moving home?")),
    ("2", "6"),
    ("1", UR("Would you like to give your name and contact details? You can stay anonymous: we will still look into your report, but what we can do may be limited, and we cannot update you.")),
    (UR("Give my details"), UR("What is your name?")),
    ("سارہ", UR("How would you like us to contact you?")),
    (UR("Text message"), UR("What phone number should we use?")),
    ("07700 900123", UR("When is it safe to contact you? For example: weekdays after 5pm.")),
    (UR("Any time"), UR("Is it safe for us to leave you a message?")),
    (UR("Yes"), UR("How would you like to receive our letters and updates?")),
    (UR("Standard"), UR("Which language would you like us to use?")),
    ("4", "E-CINS"),
    (UR("No"), UR("Here is your report. Please check it.")),
    (UR("Send my report"), UR("Thank you. Your reference is {reference}.").split("{reference}")[0]),
]


def test_a_report_in_urdu_gets_every_question_and_the_acknowledgement_in_urdu(app, client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "ur-PK,ur;q=0.9,en;q=0.5"
    last: list[dict] = []
    for resident_says, expected in URDU_REPORT:
        last = say(client, resident_says)
        joined = "\n".join(m["text"] for m in last)
        assert expected in joined, f"after {resident_says!r} expected {expected!r} in:\n{joined}"
    ack = next(m for m in last if m["kind"] == "acknowledgement")
    with app.extensions["intake"].db.transaction() as session:
        case = session.scalars(select(Case)).one()
        resident = session.get(Resident, case.resident_id)
        assert resident.language == "ur"
    assert UR("Thank you. Your reference is {reference}.").format(reference=case.reference) in ack["text"]
    assert "Thank you" not in ack["text"]


def test_the_chat_page_is_right_to_left_in_urdu_and_offers_every_language(client):
    page = client.get("/", headers={"Accept-Language": "ur"}).get_data(as_text=True)
    assert '<html lang="ur" dir="rtl">' in page
    assert UR("Exit this page") in page
    for name in ("English", "Polski", "ਪੰਜਾਬੀ", "اردو", "Slovenčina", "Română"):
        assert name in page
    english = client.get("/?lang=en", headers={"Accept-Language": "ur"}).get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in english
    assert client.get_cookie("intake_lang").value == "en"


def test_typing_language_shows_the_list_and_a_choice_switches_every_later_message(app, client):
    say(client, "hello")
    listed = say(client, "language")
    assert [c["label"] for c in listed[-1]["choices"]][:3] == ["English", "Polski", "ਪੰਜਾਬੀ"]
    switched = say(client, "2")
    pl = translations("pl").gettext
    assert switched[0]["text"].startswith("Od teraz będziemy używać języka: Polski")
    assert switched[-1]["text"] == pl("Is anyone in danger right now?")
    assert say(client, pl("No"))[-1]["text"] == pl("Please tell us what is happening, in your own words.")
    back = say(client, "English")
    assert back[-1]["text"] == "Please tell us what is happening, in your own words."
    with app.extensions["intake"].db.transaction() as session:
        assert session.scalars(select(Conversation)).one().language == "en"


def test_a_languages_own_name_typed_first_starts_the_conversation_in_it(client):
    replies = say(client, "Română")
    ro = translations("ro").gettext
    assert replies[-1]["text"] == ro("Is anyone in danger right now?")
    assert ro("To use another language, type language.") in "\n".join(m["text"] for m in replies)
