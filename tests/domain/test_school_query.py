"""Reading what a person typed into "Find a school"."""

import pytest

from inspectorate.domain.school_query import (
    parse_school_query,
    postcode_prefix,
    school_search_text,
    search_text_word,
    starts_a_word,
)


def test_digits_are_a_urn():
    assert parse_school_query(" 100000 ").urn == 100000


def test_too_long_a_number_is_not_a_urn():
    assert parse_school_query("1234567890").urn is None


@pytest.mark.parametrize(
    ("typed", "prefix"),
    [
        ("RG4 5NA", "RG4 5NA"),
        ("rg45na", "RG4 5NA"),
        ("rg45 na", "RG4 5NA"),
        ("EC3A 5DE", "EC3A 5DE"),
        ("ec3a5de", "EC3A 5DE"),
        ("RG4", "RG4 "),
        ("rg4 5", "RG4 5"),
        ("RG45", "RG45 "),
        ("E1", "E1 "),
    ],
)
def test_postcodes_and_districts_become_a_canonical_prefix(typed, prefix):
    assert postcode_prefix(typed) == prefix
    assert parse_school_query(typed).postcode_prefix == prefix


@pytest.mark.parametrize("typed", ["Bath", "Caversham Primary", "St Mary's", "1A"])
def test_names_are_not_postcodes(typed):
    assert postcode_prefix(typed) is None


def test_words_lose_surrounding_punctuation_and_keep_their_order():
    query = parse_school_query("St. Mary's,  (Primary)")
    assert query.words == ("St", "Mary's", "Primary")
    assert query.text == "St. Mary's, (Primary)"


def test_blank_is_empty():
    assert parse_school_query("   ").is_empty


@pytest.mark.parametrize(
    ("text", "word", "found"),
    [
        ("Kingston upon Hull, City of", "hull", True),
        ("Solihull", "hull", False),
        ("Stoke-on-Trent", "trent", True),
        ("Reading", "READ", True),
        ("Reading", "ding", False),
    ],
)
def test_a_word_is_found_at_the_start_of_a_word(text, word, found):
    assert starts_a_word(text, word) is found


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Kingston upon Hull, City of", "hull"),
        ("Solihull", "hull"),
        ("Stoke-on-Trent", "trent"),
        ("Stoke-on-Trent", "stoke-on"),
        ("Stoke-on-Trent", "e-on"),
        ("Stoke-on-Trent", "-on"),
        ("Foo - Bar", "-"),
        ("St Mary's", "mary's"),
        ("St Mary's", "ary"),
    ],
)
def test_search_text_finds_a_word_exactly_where_starts_a_word_does(text, word):
    found = search_text_word(word) in school_search_text(name=text, local_authority="", postcode="")
    assert found == starts_a_word(text, word)


def test_search_text_folds_case_and_accents_and_matches_postcodes_from_their_start():
    text = school_search_text(name="École Française", local_authority="Camden", postcode="NW3 2NY")
    assert search_text_word("ECOLE") in text
    assert search_text_word("francaise") in text
    assert search_text_word("camden") in text
    assert search_text_word("nw3") in text
    assert search_text_word("2ny") not in text
