from intake.nlu.features import split_words
from intake.nlu.negation import find_negated


def negated_words(text: str) -> list[str]:
    words = split_words(text)
    return [w for w, neg in zip(words, find_negated(words)) if neg]


def test_a_denied_threat_is_in_the_negation_scope():
    assert negated_words("they weren't threatening just loud") == ["threatening"]


def test_the_scope_ends_at_a_turn_word_or_punctuation():
    assert negated_words("no weapons but he hit me") == ["weapons"]
    assert negated_words("not drugs, kids on the stairs") == ["drugs"]


def test_wont_stop_is_not_a_negation():
    assert negated_words("he won't stop threatening me") == []


def test_the_scope_is_a_few_words_wide():
    assert "knife" not in negated_words("no idea who they are but one has a knife")
    assert negated_words("never had any trouble with the neighbours before") == [
        "had", "any", "trouble", "with"]


def test_a_house_number_after_no_is_not_a_negation():
    assert negated_words("man at no 5 says hell kill my cat") == []
    assert negated_words("no threats just music from no 12") == ["threats"]
