"""Reading what a person typed into "Find a school"."""

import pytest

from inspectorate.domain.school_query import parse_school_query, postcode_prefix, starts_a_word


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
