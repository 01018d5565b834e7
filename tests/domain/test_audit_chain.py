from dataclasses import replace

from inspectorate.domain.audit_chain import Anchor, Entry, entry_hash, next_entry, verify


def trail(n: int) -> list[Entry]:
    entries: list[Entry] = []
    for i in range(n):
        entries.append(next_entry(entries[-1] if entries else None, {"who": "lead", "action": f"step {i}"}))
    return entries


def test_an_untouched_trail_verifies() -> None:
    entries = trail(5)
    assert verify(entries, [Anchor(5, entries[-1].entry_hash)]) == []


def test_an_edited_entry_is_named() -> None:
    entries = trail(5)
    entries[2] = replace(entries[2], content={"who": "lead", "action": "something else"})
    breaks = verify(entries)
    assert [b.sequence for b in breaks] == [3]
    assert "edited" in str(breaks[0])


def test_a_deleted_entry_is_named() -> None:
    entries = trail(5)
    del entries[1]
    assert 3 in {b.sequence for b in verify(entries)}


def test_an_inserted_entry_is_named_even_with_a_recomputed_hash() -> None:
    entries = trail(3)
    forged_content = {"who": "someone", "action": "forged"}
    forged = Entry(2, forged_content, entries[0].entry_hash, entry_hash(2, forged_content, entries[0].entry_hash))
    breaks = verify([entries[0], forged, *entries[1:]])
    assert breaks


def test_a_rewritten_newest_entry_is_caught_by_the_anchor() -> None:
    entries = trail(4)
    anchor = Anchor(4, entries[-1].entry_hash)
    rewritten_content = {"who": "lead", "action": "rewritten"}
    entries[-1] = Entry(
        4, rewritten_content, entries[2].entry_hash, entry_hash(4, rewritten_content, entries[2].entry_hash)
    )
    assert verify(entries) == []  # the chain alone cannot see it
    assert [b.sequence for b in verify(entries, [anchor])] == [4]


def test_deleting_the_newest_entries_is_caught_by_the_anchor() -> None:
    entries = trail(4)
    anchor = Anchor(4, entries[-1].entry_hash)
    assert "deleted" in str(verify(entries[:2], [anchor])[0])
