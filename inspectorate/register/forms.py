"""The "Find a school" form: checks what the query string asks for before the register is searched."""

from __future__ import annotations

from typing import Any

from django import forms

from inspectorate.domain.outcomes import OUTCOME_GROUPS, OUTCOME_GROUPS_BY_KEY
from inspectorate.domain.school_query import MAX_LENGTH
from inspectorate.register.selectors import SchoolSort

Choice = tuple[str, str]
ANY: Choice = ("", "Any")
OUTCOME_CHOICES: list[Choice] = [ANY, *((g.key, g.label) for g in OUTCOME_GROUPS)]
SORT_LABELS: dict[SchoolSort, str] = {
    SchoolSort.NAME: "School name (A to Z)",
    SchoolSort.URN: "URN (lowest first)",
    SchoolSort.LATEST_GRADED: "Latest graded inspection (newest first)",
}


def _too_long(what: str, limit: int) -> dict[str, str]:
    return {"max_length": f"{what} must be {limit} characters or fewer"}


class SchoolSearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=MAX_LENGTH, error_messages=_too_long("Search", MAX_LENGTH))
    # Phases and regions are whatever the register holds: an unknown one is a fair question that matches no
    # school, so it is not an error. The lists passed in only say what to offer.
    phase = forms.CharField(required=False, max_length=60, error_messages=_too_long("Phase", 60))
    region = forms.CharField(required=False, max_length=60, error_messages=_too_long("Ofsted region", 60))
    outcome = forms.ChoiceField(
        required=False,
        choices=OUTCOME_CHOICES,
        error_messages={"invalid_choice": "Select a latest graded outcome from the list"},
    )
    # Sort and page come from links as often as from the form: an odd value falls back rather than fails.
    sort = forms.CharField(required=False)
    page = forms.CharField(required=False)

    def __init__(self, data: Any, *, phases: list[str], regions: list[str]) -> None:
        super().__init__(data)
        self.offered: dict[str, list[Choice]] = {
            "phase": [ANY, *((p, p) for p in phases)],
            "region": [ANY, *((r, r) for r in regions)],
            "outcome": OUTCOME_CHOICES,
        }

    def clean_sort(self) -> SchoolSort:
        value = self.cleaned_data["sort"]
        return SchoolSort(value) if value in SchoolSort else SchoolSort.NAME

    def clean_page(self) -> int:
        value = self.cleaned_data["page"]
        return int(value) if value.isascii() and value.isdigit() and len(value) < 7 else 1

    def search_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "query": data["q"],
            "phase": data["phase"],
            "region": data["region"],
            "outcome": OUTCOME_GROUPS_BY_KEY.get(data["outcome"]),
            "sort": data["sort"],
            "page": data["page"],
        }
