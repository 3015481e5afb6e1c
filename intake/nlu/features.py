"""The text classifier's features and its spaCy architecture.

spaCy's own bag-of-words model hashes exact-case words only. Residents write "THREATNING",
"harrasment" and "scramblers", so this model also sees lower-cased word pairs, character 3- and
4-grams (to survive misspellings) and concept classes from `lexicons.CONCEPTS` (so "cleaver" counts
like "knife"). Words in a negation scope become separate features ("not threatening" is not
"threatening"). The result is a hashed sparse linear layer: tiny, fast, and deterministic.

`intake.HashedFeatureClassifier.v1` is registered when this module is imported; import it before
`spacy.load` of a trained model (`intake.nlu.model` does).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache, partial

import numpy
from spacy.attrs import ORTH, SPACY
from spacy.ml.models.textcat import NEG_VALUE, resize_and_set_ref
from spacy.strings import hash_string
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import Logistic, Model, SparseLinear_v2, chain, resizable, with_cpu
from thinc.layers.resizable import resize_linear_weighted
from thinc.types import Floats2d

from intake.nlu.lexicons import CONCEPTS
from intake.nlu.negation import find_negated

_REPEATS = re.compile(r"(.)\1{2,}")
_DIGITS = re.compile(r"\d")
_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|[.,;:!?()\-/]")
_MAX_CONCEPT_WORDS = 4
_CACHE_KEY = "intake_features"


def split_words(text: str) -> list[str]:
    """Lower-cased words with apostrophes dropped ("weren't" -> "werent", as residents type it),
    plus the punctuation that closes a negation scope. Faster than walking spaCy tokens."""
    return [w.replace("'", "").replace("’", "") for w in _WORDS.findall(text.lower())]


@lru_cache(maxsize=200_000)
def normalise_word(word: str) -> str:
    """"sooooo" -> "soo", digits folded (flat 12 and flat 14 are the same feature); 999 kept."""
    word = _REPEATS.sub(r"\1\1", word)
    return word if word == "999" else _DIGITS.sub("0", word)


def extract_features(text: str, char_weight: float) -> tuple[list[int], list[float]]:
    """Hashed feature keys and values for one text: words (negation-marked), word pairs, char
    n-grams, concepts. Words and pairs count once; a char n-gram shared by several different words
    repeats, and the linear layer sums repeats, so those act as counts."""
    words = split_words(text)
    negated = find_negated(words)
    content = [(normalise_word(w), neg) for w, neg in zip(words, negated) if w[0].isalnum()]
    keys: list[int] = []
    values: list[float] = []
    for word, neg in dict.fromkeys(content):
        word_keys, word_values = _word_features(word, neg, char_weight)
        keys.extend(word_keys)
        values.extend(word_values)
    pairs = {_pair_key(first, second) for (first, _), (second, _) in zip(content, content[1:])}
    keys.extend(pairs)
    values.extend([1.0] * len(pairs))
    for name, neg in _concepts(words, negated):
        keys.append(_concept_key(name, neg))
        values.append(1.0)
    return keys, values


def doc_text(doc: Doc) -> str:
    """`doc.text` without building a Python `Token` per word (three times faster on long texts)."""
    strings = doc.vocab.strings
    return "".join(strings[orth] + (" " if space else "")
                   for orth, space in doc.to_array([ORTH, SPACY]).tolist())


def doc_features(doc: Doc, char_weight: float) -> tuple[list[int], list[float]]:
    """Features cached on the doc, so the two classifiers extract them once between them."""
    cache = doc.user_data.setdefault(_CACHE_KEY, {})
    if char_weight not in cache:
        cache[char_weight] = extract_features(doc_text(doc), char_weight)
    return cache[char_weight]


@lru_cache(maxsize=200_000)
def _word_features(word: str, negated: bool, char_weight: float) -> tuple[tuple[int, ...], tuple[float, ...]]:
    """Cached per word: the same words recur across reports, hashing them once keeps latency low."""
    if negated:
        return (hash_string(f"n|{word}"),), (1.0,)
    keys = [hash_string(f"u|{word}")]
    if len(word) >= 3 and char_weight > 0:
        padded = f"<{word}>"
        for size in (3, 4):
            keys.extend(hash_string(f"c|{padded[i:i + size]}") for i in range(len(padded) - size + 1))
    return tuple(keys), (1.0,) + (char_weight,) * (len(keys) - 1)


@lru_cache(maxsize=200_000)
def _pair_key(first: str, second: str) -> int:
    return hash_string(f"b|{first}|{second}")


@lru_cache(maxsize=1024)
def _concept_key(name: str, negated: bool) -> int:
    return hash_string(f"k{'n' if negated else ''}|{name}")


def _concepts(words: Sequence[str], negated: Sequence[bool]) -> Iterable[tuple[str, bool]]:
    table, first_words = _concept_table()
    for start, word in enumerate(words):
        if word not in first_words:
            continue
        for size in range(1, _MAX_CONCEPT_WORDS + 1):
            for name in table.get(" ".join(words[start:start + size]), ()):
                yield name, negated[start]


@lru_cache(maxsize=1)
def _concept_table() -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """Concept phrases split the way `split_words` splits reports ("won't" -> "wont")."""
    table: dict[str, list[str]] = {}
    for name, phrases in CONCEPTS.items():
        for phrase in phrases:
            table.setdefault(" ".join(split_words(phrase)), []).append(name)
    first_words = frozenset(key.split()[0] for key in table if key)
    return {key: tuple(dict.fromkeys(names)) for key, names in table.items()}, first_words


def hashed_features(char_weight: float, scale: float) -> Model:
    """A thinc layer: docs -> (keys, values, lengths), the input `SparseLinear` expects."""
    return Model("hashed_features", _forward, attrs={"char_weight": char_weight, "scale": scale})


def _forward(model: Model, docs: list[Doc], is_train: bool):
    """Each doc's features scaled to the same length (L2 norm `scale`), so a two-word text and a
    rambling one speak equally loudly."""
    batch_keys: list[int] = []
    batch_values: list[float] = []
    lengths = []
    for doc in docs:
        keys, values = doc_features(doc, model.attrs["char_weight"])
        batch_keys.extend(keys)
        batch_values.extend(values)
        lengths.append(len(keys))
    values = numpy.asarray(batch_values, dtype="float32")
    owner = numpy.repeat(numpy.arange(len(docs)), lengths)
    norms = numpy.sqrt(numpy.bincount(owner, weights=values * values, minlength=len(docs)))
    factors = model.attrs["scale"] / numpy.where(norms > 0, norms, 1.0)
    values = (values * factors[owner]).astype("float32")
    keys_array = numpy.asarray(batch_keys, dtype="uint64")
    return (keys_array, values, numpy.asarray(lengths, dtype="int32")), lambda d_output: []


@registry.architectures("intake.HashedFeatureClassifier.v1")
def build_hashed_feature_classifier(
    length: int = 2**17, char_weight: float = 0.4, scale: float = 4.0, nO: int | None = None
) -> Model[list[Doc], Floats2d]:
    """spaCy's TextCatBOW.v3 with our feature extractor in place of exact-case n-grams."""
    sparse_linear = SparseLinear_v2(nO=nO, length=length)
    resizable_layer = resizable(
        sparse_linear,
        resize_layer=partial(resize_linear_weighted, fill_defaults={"b": NEG_VALUE, "W": 0}),
    )
    model = with_cpu(chain(hashed_features(char_weight, scale), resizable_layer), sparse_linear.ops)
    model = chain(model, with_cpu(Logistic(), sparse_linear.ops))
    if nO is not None:
        model.set_dim("nO", nO)
    model.set_ref("output_layer", sparse_linear)
    model.attrs["multi_label"] = True
    model.attrs["resize_output"] = partial(resize_and_set_ref, resizable_layer=resizable_layer)
    return model
