"""The correction of a misspelt word ("did you mean") is the word ``difflib`` would pick, found without comparing it
with the whole vocabulary; each process keeps the vocabulary it read, and a change of content is still seen."""

import difflib
import random
import string

import pytest
from django.test import override_settings

from search import spelling
from search.spelling import CUTOFF, Vocabulary
from tests import factories
from tests.fixtures import html, text_of

WORDS = [
    "alliance",
    "alliances",
    "allowance",
    "cooperative",
    "cooperatives",
    "cooperation",
    "corporate",
    "membership",
    "members",
    "member",
    "identity",
    "identities",
    "principles",
    "principle",
    "democracy",
    "democratic",
    "budget",
    "budgets",
    "report",
    "reports",
    "rapport",
    "rapports",
    "informe",
    "informes",
    "vivienda",
    "solidarite",
    "solidaridad",
    "abcd",
    "abce",
    "abcf",
    "bcda",
]


def misspellings(word):
    """Every word one slip away from ``word``: a letter dropped, doubled, swapped with the next or replaced."""
    found = set()
    for i in range(len(word)):
        found.add(word[:i] + word[i + 1 :])
        found.add(word[:i] + word[i] + word[i:])
        if i + 1 < len(word):
            found.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
        for letter in "aeiostz":
            found.add(word[:i] + letter + word[i + 1 :])
    return found


def difflib_closest(word, words, cutoff=CUTOFF):
    close = difflib.get_close_matches(word, words, n=1, cutoff=cutoff)
    return close[0] if close else None


def test_the_closest_word_is_the_one_difflib_picks_for_every_slip_of_every_word():
    vocabulary = Vocabulary(WORDS)
    typed = sorted({slip for word in WORDS for slip in misspellings(word)})
    assert len(typed) > 2000
    differences = [
        (word, vocabulary.closest(word), difflib_closest(word, WORDS))
        for word in typed
        if vocabulary.closest(word) != difflib_closest(word, WORDS)
    ]
    assert differences == []
    # Corrections are found, not only the absence of one.
    assert vocabulary.closest("coperative") == "cooperative"
    assert vocabulary.closest("allaince") == "alliance"


def test_of_equal_scores_the_same_word_wins_as_with_difflib():
    # "abcx" is as close to "abcd", "abce" and "abcf": difflib takes the last in sort order.
    vocabulary = Vocabulary(WORDS)
    assert difflib_closest("abcx", WORDS) == "abcf"
    assert vocabulary.closest("abcx") == "abcf"
    assert vocabulary.closest("abx", cutoff=0.5) == difflib_closest("abx", WORDS, cutoff=0.5)


def test_random_words_against_a_random_vocabulary_at_several_cutoffs():
    generator = random.Random(19)  # noqa: S311 - test data, not secrets
    letters = "aeioulnrst" + string.ascii_lowercase[:6]
    words = {"".join(generator.choices(letters, k=generator.randint(3, 12))) for _ in range(600)}
    vocabulary = Vocabulary(words)
    for _ in range(400):
        typed = "".join(generator.choices(letters, k=generator.randint(1, 14)))
        for cutoff in (0.6, CUTOFF, 0.9):
            assert vocabulary.closest(typed, cutoff) == difflib_closest(typed, words, cutoff), (typed, cutoff)


def test_nonsense_and_an_empty_vocabulary_have_no_closest_word():
    assert Vocabulary(WORDS).closest("zzyzx") is None
    assert Vocabulary([]).closest("alliance") is None
    assert "alliance" in Vocabulary(WORDS)
    assert len(Vocabulary(WORDS)) == len(WORDS)


@pytest.mark.django_db
@override_settings(CACHE_IS_SHARED=True)
def test_the_process_keeps_the_vocabulary_it_read_and_sees_a_change_of_content(client, home_page, monkeypatch):
    factories.StandardPageFactory(parent=home_page, title="Ask about membership")
    read = []
    original = spelling.vocabulary

    def counting(request, languages=None):
        read.append(languages)
        return original(request, languages)

    monkeypatch.setattr(spelling, "vocabulary", counting)

    def offered(typed):
        node = html(client.get("/en/search/", {"q": typed})).select_one(".search-did-you-mean a")
        return text_of(node) if node is not None else None

    assert offered("memebrship") == "membership"
    assert len(read) == 1
    # Read again from the process, not from the database (nor unpickled from the shared cache).
    loads = []
    original_get = spelling.cache.get
    monkeypatch.setattr(
        spelling.cache, "get", lambda key, *args, **kwargs: loads.append(key) or original_get(key, *args, **kwargs)
    )
    assert offered("membrship") == "membership"
    assert len(read) == 1
    assert not [key for key in loads if key.startswith("search:vocabulary:v3:")]
    # A new page is a new generation: its words are offered at once.
    factories.StandardPageFactory(parent=home_page, title="Solidarity funds")
    assert offered("solidaryty") == "solidarity"
    assert len(read) == 2
