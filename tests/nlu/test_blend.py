"""The bag of words' scores are folded into the linear classifiers' scores, never written over them."""

import pytest
import spacy

from intake.nlu.blend import Blend
from intake.nlu.pipeline import BLEND_COMPONENT, WORDS_COMPONENT, WORDS_PREFIX

TEXTS = ["lads on the landing again smoking skunk, told my son theyd do him in",
         "noise again flat 12", "can i pay my rent by card"]


def test_the_blend_averages_each_label_at_its_weight_and_removes_the_second_models_labels():
    doc = spacy.blank("en")("anything")
    doc.cats = {"noise": 0.8, "drugs": 0.1, "words|noise": 0.4, "words|drugs": 0.5}
    Blend("words|", 0.25)(doc)
    assert doc.cats == pytest.approx({"noise": 0.7, "drugs": 0.2})


def test_a_blend_weight_outside_zero_to_one_is_refused():
    with pytest.raises(ValueError):
        Blend("words|", 1.5)


def test_the_trained_bag_of_words_scores_only_its_own_prefixed_labels(model):
    words = model.nlp.get_pipe(WORDS_COMPONENT)
    linear = {*model.nlp.get_pipe("types").labels, *model.nlp.get_pipe("flags").labels}
    assert {label.removeprefix(WORDS_PREFIX) for label in words.labels} == linear
    assert all(label.startswith(WORDS_PREFIX) for label in words.labels)


def test_the_model_serves_the_blend_of_both_classifiers_at_the_saved_weight(model):
    weight = model.nlp.get_pipe(BLEND_COMPONENT).weight
    assert 0 < weight < 1
    unblended = list(model.nlp.pipe(TEXTS, disable=[BLEND_COMPONENT]))
    for doc, parts in zip(model.nlp.pipe(TEXTS), unblended):
        assert not any(key.startswith(WORDS_PREFIX) for key in doc.cats)
        for label, score in doc.cats.items():
            expected = (1 - weight) * parts.cats[label] + weight * parts.cats[WORDS_PREFIX + label]
            assert score == pytest.approx(expected)
        assert any(parts.cats[label] != parts.cats[WORDS_PREFIX + label] for label in doc.cats)
