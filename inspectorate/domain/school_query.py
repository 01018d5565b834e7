"""What a person typed into "Find a school": a URN, a postcode (full or the district part), or words.

Postcodes are matched whatever the spacing or case ("rg45na", "RG4 5NA"); a district ("RG4") matches every
postcode in it but not RG40. Words match in any order.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

MAX_LENGTH = 100

_URN = re.compile(r"\d{1,9}")  # bounded: a longer number is no URN, and would overflow a database integer
_OUTWARD = r"([A-Z]{1,2}[0-9][A-Z0-9]?)"
_FULL_POSTCODE = re.compile(_OUTWARD + r"([0-9][A-Z]{2})")  # matched with the spaces taken out
# A district ("RG4"), or a district and the start of the inward code ("RG4 5"): here the space matters.
_PARTIAL_POSTCODE = re.compile(_OUTWARD + r"(?: ([0-9][A-Z]?))?")
_WORD_EDGES = '.,;:!?"()[]'


@dataclass(frozen=True)
class SchoolQuery:
    text: str = ""
    urn: int | None = None
    postcode_prefix: str | None = None  # "RG4 5NA", "RG4 5" or "RG4 " (district, with its space)
    words: tuple[str, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        return self.urn is None and self.postcode_prefix is None and not self.words


def parse_school_query(text: str) -> SchoolQuery:
    text = " ".join(text.split())
    if _URN.fullmatch(text):
        return SchoolQuery(text=text, urn=int(text))
    postcode = postcode_prefix(text)
    if postcode is not None:
        return SchoolQuery(text=text, postcode_prefix=postcode)
    words = tuple(w for w in (word.strip(_WORD_EDGES) for word in text.split()) if w)
    return SchoolQuery(text=text, words=words)


def starts_a_word(text: str, word: str) -> bool:
    """`word` begins `text` or one of its words (after a space or hyphen), ignoring case: "hull" is in
    "Kingston upon Hull, City of" but not in "Solihull"; "trent" is in "Stoke-on-Trent"."""
    text, word = text.casefold(), word.casefold()
    return text.startswith(word) or f" {word}" in text or f"-{word}" in text


def postcode_prefix(text: str) -> str | None:
    """The canonical start of the postcodes `text` names ("rg45na" -> "RG4 5NA", "rg4" -> "RG4 "), or None."""
    text = text.upper()
    full = _FULL_POSTCODE.fullmatch(text.replace(" ", ""))
    if full is not None:
        return "{} {}".format(*full.groups())
    partial = _PARTIAL_POSTCODE.fullmatch(" ".join(text.split()))
    if partial is None:
        return None
    outward, inward = partial.groups()
    return f"{outward} {inward or ''}"


# A school's words for searching, folded once when the register changes, so that finding a word is one plain
# "contains" on one narrow column. Each part begins with a space, and a hyphen is followed by one, so " word"
# is found exactly where `starts_a_word` would find the word. The postcode's own space becomes a tab, which no
# typed word holds: "rg4" finds "RG4 5NA" from its start, "5na" does not.
def school_search_text(*, name: str, local_authority: str, postcode: str) -> str:
    parts = (name, local_authority, postcode.replace(" ", "\t"))
    return "".join(" " + _folded(part) for part in parts if part)


def search_text_word(word: str) -> str:
    """What `school_search_text` holds where a word of it begins with `word`."""
    return " " + _folded(word)


def _folded(text: str) -> str:
    """Lower case without accents ("École" reads "ecole"), each hyphen followed by a space."""
    if text.isascii():  # nearly every name: no accents to strip, and a refresh folds 66,000 of them
        return text.lower().replace("-", "- ")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.replace("-", "- ")
