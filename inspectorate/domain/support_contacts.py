"""The helplines shown to heads, school staff and inspectors wherever an inspection is open.

One place, so a number is never mistyped on one page and right on another. Each entry is
(name, number, description); the independent senior inspector for an inspection is a person, not a
helpline, and comes from the concerns app.
"""

from typing import NamedTuple


class SupportContact(NamedTuple):
    name: str
    number: str
    description: str


EDUCATION_SUPPORT = SupportContact(
    "Education Support",
    "08000 562 561",
    "Free, confidential helpline for everyone working in education, open at all hours.",
)
SAMARITANS = SupportContact(
    "Samaritans",
    "116 123",
    "Free to call, any time, day or night, whatever you are going through.",
)

SUPPORT_CONTACTS: tuple[SupportContact, ...] = (EDUCATION_SUPPORT, SAMARITANS)


def tel_href(contact: SupportContact) -> str:
    """A tel: link for the number, digits only, so a phone can dial it."""
    return "tel:" + "".join(ch for ch in contact.number if ch.isdigit())
