"""The headline figures as a plain-text table, for the `stats` command. Percentages to two places; the JSON output
carries them unrounded."""

from collections.abc import Mapping

from inspectorate.domain.statistics import KEY_JUDGEMENT_NAMES, Figures, HeadlineStatistics, Share

_BREAKDOWN_COLUMNS = (
    "Schools",
    "Acad/free",
    "Graded EIF",
    "Any EIF",
    "Graded",
    "QoE",
    "B&A",
    "PD",
    "L&M",
    "Ungraded",
    "Kept/improved",
)


def _pct(share: Share) -> str:
    return "-" if share.pct is None else f"{share.pct:.2f}%"


def _line(label: str, share: Share, of_what: str) -> str:
    return f"{label:<52}{_pct(share):>8}   {share.count:,} of {share.total:,} {of_what}"


def _national(statistics: HeadlineStatistics) -> list[str]:
    figures, period = statistics.national, statistics.period
    year = period.academic_year
    lines = [
        f"{'Schools':<52}{figures.schools:>8,}",
        _line("Academies and free schools", figures.academy_or_free_school, "schools"),
        _line("Most recent graded inspection under the EIF", figures.graded_under_eif, "schools"),
        _line("Graded or ungraded inspection under the EIF", figures.graded_or_ungraded_under_eif, "schools"),
        f"{f'Graded inspections in {year}':<52}{figures.graded_in_year.count:>8,}",
    ]
    for name, share in figures.graded_in_year.good_or_outstanding.items():
        lines.append(_line(f"  good or outstanding: {KEY_JUDGEMENT_NAMES[name].lower()}", share, "graded"))
    lines.append(f"{f'Ungraded inspections in {year}':<52}{figures.ungraded_in_year.count:>8,}")
    lines.append(
        _line("  standards maintained or improved", figures.ungraded_in_year.maintained_or_improved, "with an outcome")
    )
    return lines


def _breakdown_row(figures: Figures) -> list[str]:
    graded = figures.graded_in_year
    return [
        f"{figures.schools:,}",
        _pct(figures.academy_or_free_school),
        _pct(figures.graded_under_eif),
        _pct(figures.graded_or_ungraded_under_eif),
        f"{graded.count:,}",
        *(_pct(share) for share in graded.good_or_outstanding.values()),
        f"{figures.ungraded_in_year.count:,}",
        _pct(figures.ungraded_in_year.maintained_or_improved),
    ]


def _breakdown(title: str, groups: Mapping[str, Figures]) -> list[str]:
    width = max([len(title), *(len(name) for name in groups)])
    header = f"{title:<{width}}" + "".join(f"{column:>14}" for column in _BREAKDOWN_COLUMNS)
    rows = [f"{name:<{width}}" + "".join(f"{cell:>14}" for cell in _breakdown_row(f)) for name, f in groups.items()]
    return [header, *rows]


def headline_table(statistics: HeadlineStatistics) -> str:
    period = statistics.period
    lines = [
        "State-funded schools inspections and outcomes",
        f"As at {period.as_at:%Y-%m-%d}, counting inspections published by {period.published_by:%Y-%m-%d}; "
        f"year {period.academic_year}: {period.year_start:%Y-%m-%d} to {period.as_at:%Y-%m-%d}",
        "",
    ]
    if statistics.is_empty:
        return "\n".join([*lines, "No schools are in the register yet: run inspectorate import-register"])
    return "\n".join(
        [
            *lines,
            *_national(statistics),
            "",
            *_breakdown("Phase", statistics.by_phase),
            "",
            *_breakdown("Ofsted region", statistics.by_region),
            "",
            "EIF: the education inspection framework in force since 1 September 2019.",
        ]
    )
