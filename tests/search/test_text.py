"""``search.text``: folding, query words, the stemmer and highlighting (no database)."""

import pytest

from search.text import (
    Highlighter,
    fold,
    fold_for_index,
    query_terms,
    sqlite_title_text,
    stem,
    stemmed_query,
)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Coopérative", "cooperative"),
        ("CO-OPERATIVE", "co-operative"),
        ("Ørsted Straße Łódź œuvre", "orsted strasse lodz oeuvre"),
        ("co\u2011operative", "co-operative"),  # non-breaking hyphen
        ("co\u00adoperative", "cooperative"),  # soft hyphen
    ],
)
def test_fold_removes_accents_and_case(text, folded):
    assert fold(text) == folded


def test_fold_for_index_keeps_a_hyphenated_word_and_adds_it_joined():
    assert fold_for_index("The Co-operative of Asia-Pacific") == (
        "the co-operative cooperative of asia-pacific asiapacific"
    )


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("cooperative", ["cooperative"]),
        ("co-operative", ["cooperative"]),
        ("Coopérative", ["cooperative"]),
        ("co-op housing co-op", ["coop", "housing"]),
        ("a & b | !c (d) :e* 'f' \"g\" \\h", ["a", "b", "c", "d", "e", "f", "g", "h"]),
        ("hand\x00book", ["hand", "book"]),
        ("&|!():*'\"\\", []),
        ("  ", []),
        ("snake_case", ["snake", "case"]),
    ],
)
def test_query_terms_fold_join_and_drop_every_operator(query, terms):
    assert query_terms(query) == terms


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("cooperative", "cooper"),
        ("cooperatives", "cooper"),
        ("cooperation", "cooper"),
        ("reports", "report"),
        ("reporting", "report"),
        ("governance", "govern"),
        ("government", "govern"),
        ("housing", "hous"),
        ("houses", "hous"),
    ],
)
def test_stem_reduces_english_word_forms_to_one_stem(word, expected):
    assert stem(word) == expected


def test_stemmed_query_drops_stop_words_and_stems():
    assert stemmed_query("The co-operative housing reports") == "cooper hous report"


def test_sqlite_title_text_holds_stems_then_whole_words():
    assert sqlite_title_text("Housing Co-ops") == "hous co op coop housing co-ops coops"


def test_highlighter_marks_every_spelling_of_the_query_word():
    marked = Highlighter("cooperative").mark("Co-operative, coopérative and Cooperatives; not Copper.")
    assert str(marked) == (
        "<mark>Co-operative</mark>, <mark>coopérative</mark> and <mark>Cooperatives</mark>; not Copper."
    )


def test_highlighter_marks_word_forms_of_the_query_word():
    assert str(Highlighter("reports").mark("Report reporting")) == "<mark>Report</mark> <mark>reporting</mark>"


def test_highlighter_marks_a_part_of_a_hyphenated_word():
    assert str(Highlighter("pacific").mark("Asia-Pacific office")) == "<mark>Asia-Pacific</mark> office"


def test_highlighter_does_not_mark_stop_words():
    assert str(Highlighter("the handbook").mark("the handbook")) == "the <mark>handbook</mark>"


def test_highlighter_escapes_everything_before_marking():
    marked = str(Highlighter("script").mark('<script>alert("x")</script> & script'))
    assert marked == (
        "&lt;<mark>script</mark>&gt;alert(&quot;x&quot;)&lt;/<mark>script</mark>&gt; &amp; <mark>script</mark>"
    )
    assert "<script" not in marked


def test_highlighter_query_cannot_inject_markup():
    marked = str(Highlighter('<b onmouseover="x">').mark("a b onmouseover x"))
    assert marked == "a <mark>b</mark> <mark>onmouseover</mark> <mark>x</mark>"


def test_snippet_starts_a_few_words_before_the_first_match_with_ellipses():
    text = " ".join(f"word{n}" for n in range(100)) + " housing " + " ".join(f"tail{n}" for n in range(100))
    snippet = str(Highlighter("housing").snippet([text], length=10, lead=3))
    assert snippet == "… word97 word98 word99 <mark>housing</mark> tail0 tail1 tail2 tail3 tail4 tail5 …"


def test_snippet_prefers_the_first_text_that_matches():
    snippet = str(Highlighter("housing").snippet(["An intro without it.", "Body about housing."]))
    assert snippet == "Body about <mark>housing</mark>."


def test_snippet_falls_back_to_the_start_of_the_first_text_without_a_match():
    assert str(Highlighter("zzyzx").snippet(["", "First words here.", "Other."])) == "First words here."


def test_snippet_of_nothing_is_empty():
    assert Highlighter("housing").snippet(["", None]) == ""


# Each result in its own language: French and Spanish words stemmed as PostgreSQL's configurations stem them.


def test_a_spanish_snippet_marks_the_plural_the_spanish_index_matched():
    # PostgreSQL's Spanish rules give "país" and "países" one stem ("pais"); English ones do not ("pai", "pais").
    assert str(Highlighter("país", "es").mark("Los países y cada país")) == (
        "Los <mark>países</mark> y cada <mark>país</mark>"
    )
    assert str(Highlighter("país", "en").mark("Los países")) == "Los países"


def test_a_french_snippet_marks_an_irregular_plural():
    assert str(Highlighter("national", "fr").mark("Les congrès nationaux")) == "Les congrès <mark>nationaux</mark>"
    assert str(Highlighter("national", "en").mark("Les congrès nationaux")) == "Les congrès nationaux"


def test_french_and_spanish_stop_words_are_not_marked():
    assert str(Highlighter("logement de la coopérative", "fr").mark("La coopérative de logement")) == (
        "La <mark>coopérative</mark> de <mark>logement</mark>"
    )
    assert str(Highlighter("vivienda para los socios", "es").mark("Los socios y la vivienda")) == (
        "Los <mark>socios</mark> y la <mark>vivienda</mark>"
    )


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fr", "coopératives coopération nationaux logements solidarité démocratiques gouvernance chartes rapports"),
        ("es", "países cooperativas viviendas solidaridad democráticas gobernanza cartas informes anuales miembros"),
    ],
)
def test_the_highlighters_stems_are_postgresqls_for_the_language(language, words):
    """The stems PostgreSQL 15's ``french`` and ``spanish`` configurations give these folded words (read with
    ``to_tsvector``), so that what the index matched is what the snippet marks."""
    from search.text import stemmer

    postgresql = {
        "fr": "cooper cooper national log solidarit democrat gouvern chart rapport",
        "es": "pais cooper viviend solidar democrat gobern cart inform anual miembr",
    }
    stem_of = stemmer(language)
    assert " ".join(stem_of(term) for term in query_terms(words)) == postgresql[language]
