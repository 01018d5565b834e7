"""What the browser journeys share besides fixtures: the axe-core accessibility check, and screenshots."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parents[2]
AXE_SCRIPT = PROJECT_DIR / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")
# Any breach of WCAG 2.2 A or AA fails a journey, whatever impact axe gives it.
BLOCKING_TAGS = frozenset({"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"})


def assert_accessible(page: Any) -> None:
    """Run axe-core on the page as it stands; fail on any WCAG A/AA breach or any serious or critical
    violation, printing them all."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    results = page.evaluate("async () => await window.axe.run(document, {resultTypes: ['violations']})")
    violations = results["violations"]
    if violations:
        print(f"\naxe-core on {page.url}:\n{describe_violations(violations)}")
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS or BLOCKING_TAGS & set(v["tags"])]
    assert not blocking, f"Accessibility problems on {page.url}:\n{describe_violations(blocking)}"


def describe_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- [{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {' '.join(node['target'])}")
            lines.extend(f"      {line}" for line in node.get("failureSummary", "").splitlines())
    return "\n".join(lines)


def save_screenshot(page: Any, name: str) -> None:
    """Keep a picture of the page when BROWSER_SCREENSHOTS names a folder (for reviewing how pages look)."""
    folder = os.environ.get("BROWSER_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)
