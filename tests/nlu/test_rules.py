import pytest
import spacy
from spacy.matcher import Matcher

from intake.nlu.rules import RULE_COMPONENTS, TriggerFinder, phrase_patterns


@pytest.fixture(scope="module")
def nlp():
    rules = spacy.blank("en")
    for name in RULE_COMPONENTS:
        rules.add_pipe(name)
    return rules


@pytest.mark.parametrize("text", [
    "hes outside my door with a knife RIGHT NOW",
    "they're kicking the door in, please help",
    "someone is trying to break in through the back window now",
    "HE IS SMASHING MY WINDOWS NOW pls send someone",
    "my ex has got a hammer and is banging on the door as we speak",
    "they've set fire to the bins by my door and its spreading now",
    "HES STRANGLING HER IN THE FLAT UPSTAIRS",
    "my mates getting battered outside the chippy right now",
    "he's got her by the throat on the landing, please hurry",
    "two lads scrappin in the stairwell now, ones bleedin",
    "hes locked me in again, im hiding in the bathroom texting this",
])
def test_danger_now_rule_fires_on_an_attack_happening_now(nlp, text):
    assert nlp(text)._.rule_danger_now


@pytest.mark.parametrize("text", [
    "last year he threatened me with a knife, now its just the music",
    "they weren't threatening, just loud",
    "there was no knife and nobody was attacking anyone, just shouting",
    "the dog barks all night and the bins are overflowing",
    "can someone fix my boiler",
    "he had me by the throat last year, now its just the shouting",
    "my sister was slapped by her ex back in march",
])
def test_danger_now_rule_stays_quiet_for_past_denied_or_harmless_reports(nlp, text):
    assert not nlp(text)._.rule_danger_now


@pytest.mark.parametrize("text", [
    "lads are using my neighbour who has learning difficulties to run drugs from his flat",
    "I think the old man at 12 is being cuckooed",
    "my 8 year old daughter is scared to go out because they threatened her",
])
def test_safeguarding_rule_fires_when_a_child_or_vulnerable_adult_is_at_risk(nlp, text):
    assert nlp(text)._.rule_safeguarding


@pytest.mark.parametrize("text", ["the kids play football in the street", "my son plays music too loud"])
def test_safeguarding_rule_needs_a_risk_not_just_a_child(nlp, text):
    assert not nlp(text)._.rule_safeguarding


@pytest.mark.parametrize("text", [
    "they shout racist abuse at my wife every morning",
    "someone sprayed homophobic graffiti on our door",
    "he called my son a retard and laughed",
    "told us to go back to your own country",
    "the man at 12 keeps calling my husband a black so and so",
    "they called me a racist name and spat at me",
])
def test_hate_rule_fires_on_targeting_a_protected_characteristic(nlp, text):
    assert nlp(text)._.rule_hate


@pytest.mark.parametrize("text", [
    "I'm not being racist but the music is too loud",
    "fag ends thrown off the balcony every day",
    "I hate the new door colour",
    "that dog bit my lad, it should be put down",
    "the curry smell from next door comes through the vents every night",
    "my mum is in a home now so her flat is empty",
    "he came back from a bender and slammed doors till 4",
    "he gave my lad a black eye and called him names",
    "someone keeps dumping black bags by the door, I've written to them twice",
    "she called me a racist in front of everyone because I asked her to move her car",
    "he's telling the whole street I'm homophobic, I only complained about the noise",
])
def test_hate_rule_ignores_denials_lookalikes_colours_and_the_resident_called_a_bigot(nlp, text):
    assert not nlp(text)._.rule_hate


@pytest.mark.parametrize(("text", "cued"), [
    ("I was assaulted by the man at 12", ("violence",)),
    ("lad punched my son outside the shop", ("violence",)),
    ("got jumped by the underpass", ("violence",)),
    ("need help dv", ("domestic_abuse",)),
    ("said hed batter me if i ring you again", ("harassment",)),
    ("dealers at 4 sed im dead 4 grassing", ("harassment",)),
    ("gonna smash ur face in", ("harassment",)),
    ("he keeps sending threatening messages", ("harassment",)),
    ("the lad from 9 hit my kid on the path", ("violence",)),
    ("the lad from 9 punched my son in the face", ("violence",)),
])
def test_cat1_cue_rule_names_the_urgent_type_a_report_states_in_plain_words(nlp, text, cued):
    assert nlp(text)._.rule_cat1 == cued


@pytest.mark.parametrize("text", [
    "the noise is killing me",
    "they weren't threatening, just loud",
    "got a threatening letter about my arrears, I paid on friday",
    "i'll kill for a cuppa, boiler's broken again",
    "my fence has been kicked in again",
    "the cat bit me lol",
    "he said he'd do the garden at the weekend",
    "he hit me years ago but that's long done, now it's just the music",
    "a scrambler nearly hit my kid on the path",
    "I reported a man punching my son back in 2019 and you were brilliant, the bins are my worry now",
    "my husband was assaulted on this estate in 1998 and I still don't like the underpass",
])
def test_cat1_cue_rule_ignores_idioms_denials_damage_near_misses_and_long_past_history(nlp, text):
    assert nlp(text)._.rule_cat1 == ()


@pytest.mark.parametrize(("joking", "meant"), [
    ("im gonna kill my boiler engineer lol its broken again",
     "im gonna kill my boiler engineer its broken again"),
    ("my husband will kill me if the kitchen floods again 😂 can someone look",
     "my husband will kill me if the kitchen floods again, can someone look"),
    ("my lad got battered 6-0 at football today hahaha", "my lad got battered outside the shop"),
])
def test_cat1_cue_rule_stands_down_when_the_message_laughs_at_itself(nlp, joking, meant):
    assert nlp(joking)._.rule_cat1 == ()
    assert nlp(meant)._.rule_cat1 != ()


def test_trigger_finder_refuses_anchors_a_pattern_can_match_without():
    with pytest.raises(ValueError, match="without an anchor word"):
        TriggerFinder(spacy.blank("en"), {}, {"HIT": [[{"LOWER": "hit"}, {"LOWER": "me"}],
                                                        [{"LOWER": "slapped"}]]}, anchors={"hit"})


def test_trigger_finder_with_anchors_still_finds_the_patterns_that_contain_them():
    blank = spacy.blank("en")
    finder = TriggerFinder(blank, {"DOG": ["dog"]}, {"HIT": [[{"LOWER": "hit"}, {"LOWER": "me"}]]},
                           anchors={"hit"})
    assert finder.find(blank("he hit me")) == {"HIT": [(1, 3)]}
    assert finder.find(blank("my dog bit me")) == {"DOG": [(1, 2)]}


def test_phrase_patterns_match_exactly_the_phrases_they_were_built_from():
    blank = spacy.blank("en")
    matcher = Matcher(blank.vocab)
    matcher.add("VICTIM", phrase_patterns(["me", "my son", "my wife", "an old man"]))
    for phrase in ["me", "my son", "my wife", "an old man"]:
        assert [(s, e) for _, s, e in matcher(blank(phrase))] == [(0, len(phrase.split()))]
    for other in ["my man", "an old son", "wife", "son"]:
        assert not matcher(blank(other))
