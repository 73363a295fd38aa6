"""Deleting takes what belongs to a record, and the last destructive action (delete, bulk move) is undone.

Every undo test compares the whole database (each row of each table) before the action and
after the undo: it must be the same, row for row, except the undo log itself. Imports:
test_undo_imports.py; the CLI: test_cli_undo.py; the TUI: test_tui_undo.py.
"""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from conftest import TODAY
from tracker.store.models import Interaction, Offer, Opportunity, Person, ReminderState, UndoEntry
from tracker.store import Store
from tracker.store.writes import records
from tracker.store.writes.deletes import delete_opportunity, delete_person, impact
from tracker.store.queries.lookup import find_opportunity, find_person
from tracker.store.writes.offers_actions import accept_offer
from tracker.store.queries.reminders import add_manual
from tracker.store.safety.undo import KEEP, NothingToUndo, UndoConflict, pending, recording, undo_last
from undo_helpers import KOLKATA, demo, demo_store, dump, opportunity_id, person_id  # noqa: F401 (fixtures)


# --- deleting, then undoing (store) ------------------------------------------------------------------


def test_delete_person_takes_messages_and_letters_and_undo_brings_all_back(demo: Path, demo_store: Store) -> None:
    before = dump(demo)
    ident = person_id(demo_store, "Tan Wei Ming")
    with demo_store.read() as s:
        shown = impact(s, "person", ident)
        messages = s.exec(select(Interaction).where(Interaction.person_id == ident)).all()
    assert shown.deleted["interaction"] == {m.id for m in messages} and messages
    with demo_store.write() as s:
        delete_person(s, person_id=ident)
    gone = dump(demo)
    assert len(gone["person"]) == len(before["person"]) - 1
    assert len(gone["interaction"]) == len(before["interaction"]) - len(messages)
    with sqlite3.connect(demo) as conn:
        assert conn.execute("SELECT count(*) FROM opportunity WHERE contact_id = ?", (ident,)).fetchone()[0] == 0
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    with demo_store.write() as s:
        undone = undo_last(s)
    assert "Tan Wei Ming" in str(undone) and "brings back 1 person" in str(undone)
    assert dump(demo) == before


def test_delete_opportunity_with_everything_and_undo(demo: Path, demo_store: Store) -> None:
    with demo_store.write() as s:  # a snoozed reminder and a manual one, so that both kinds of link are there
        opp = find_opportunity(s, "Research Intern")
        s.add(ReminderState(key=f"deadline:opp:{opp.id}:2026-12-01", snoozed_until=TODAY + timedelta(days=3)))
        add_manual(s, text="Check the portal", due=TODAY, opportunity=opp.title)
    before = dump(demo)
    ident = opportunity_id(demo_store, "Research Intern")
    with demo_store.read() as s:
        shown = impact(s, "opportunity", ident)
    assert {"stagechange", "interaction", "letterrequest", "reminderstate"} <= set(shown.deleted)
    assert [table for table, _column in shown.unlinked] == ["reminder"]  # the hand-set reminder stays
    with demo_store.write() as s:
        delete_opportunity(s, opportunity_id=ident)
    with sqlite3.connect(demo) as conn:
        for table in ("stagechange", "interaction", "letterrequest", "interview", "offer"):
            assert conn.execute(f"SELECT count(*) FROM {table} WHERE opportunity_id = ?", (ident,)).fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM reminderstate WHERE key LIKE ?", (f"%:opp:{ident}:%",)).fetchone()[0] == 0
    with demo_store.write() as s:
        undo_last(s)
    assert dump(demo) == before


def test_undo_twice_says_already_undone_and_changes_nothing(demo: Path, demo_store: Store) -> None:
    with demo_store.write() as s:
        delete_person(s, person_id=person_id(demo_store, "Tan Wei Ming"))
    with demo_store.write() as s:
        undo_last(s)
    before = dump(demo)
    with pytest.raises(NothingToUndo, match="already undone"), demo_store.write() as s:
        undo_last(s)
    assert dump(demo) == before


def test_undo_goes_back_most_recent_first(demo: Path, demo_store: Store) -> None:
    first = dump(demo)
    with demo_store.write() as s:
        delete_person(s, person_id=person_id(demo_store, "Tan Wei Ming"))
    middle = dump(demo)
    with demo_store.write() as s:
        delete_person(s, person_id=person_id(demo_store, "Kim Young"))
    with demo_store.write() as s:
        assert "Kim Young-hoon" in str(undo_last(s))
    assert dump(demo) == middle
    with demo_store.write() as s:
        assert "Tan Wei Ming" in str(undo_last(s))
    assert dump(demo) == first
    with pytest.raises(NothingToUndo, match="already undone"), demo_store.write() as s:
        undo_last(s)


def test_undo_of_an_entry_superseded_by_a_newer_one_refuses(demo: Path, demo_store: Store) -> None:
    with demo_store.write() as s:
        delete_person(s, person_id=person_id(demo_store, "Tan Wei Ming"))
    with demo_store.read() as s:
        shown = pending(s)
    with demo_store.write() as s:
        delete_person(s, person_id=person_id(demo_store, "Kim Young"))
    before = dump(demo)
    with pytest.raises(UndoConflict, match="another action was recorded since"), demo_store.write() as s:
        undo_last(s, expected=shown.id)
    assert dump(demo) == before


def test_nothing_to_undo_on_a_new_database(store: Store) -> None:
    with pytest.raises(NothingToUndo, match="nothing to undo"), store.write() as s:
        undo_last(s)


def test_a_person_reusing_the_deleted_id_keeps_it_and_the_undo_renumbers(demo: Path, demo_store: Store) -> None:
    """SQLite reuses the highest id: the person added after a delete takes it. Undo must not clash."""
    with demo_store.write() as s:
        newest = s.exec(select(Person).order_by(Person.id.desc())).first()  # type: ignore[union-attr]
        assert newest is not None and newest.id is not None
        name, old_id = newest.name, newest.id
        records.log_interaction(s, channel="email", direction="sent", person=name, on=TODAY)
        message = s.exec(select(Interaction).where(Interaction.person_id == old_id)).first()
        assert message is not None
        s.add(ReminderState(key=f"follow-up:msg:{message.id}", snoozed_until=TODAY + timedelta(days=9)))
        snoozed_subject = message.subject
    with demo_store.write() as s:
        delete_person(s, person_id=old_id)
    with demo_store.write() as s:
        newcomer = records.add_person(s, name="Newcomer Lee", role="postdoc")
        assert newcomer.id == old_id  # the id was reused
    with demo_store.write() as s:
        undo_last(s)
    with demo_store.read() as s:
        back = find_person(s, name)
        assert back.id != old_id and find_person(s, "Newcomer").id == old_id
        messages = s.exec(select(Interaction).where(Interaction.person_id == back.id)).all()
        assert messages and any(m.subject == snoozed_subject for m in messages)
        keys = {st.key for st in s.exec(select(ReminderState))}
        assert any(key == f"follow-up:msg:{m.id}" for m in messages for key in keys)
    with sqlite3.connect(demo) as conn:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_undo_refuses_when_a_same_named_person_was_added_since(demo: Path, demo_store: Store) -> None:
    with demo_store.write() as s:
        delete_person(s, person_id=person_id(demo_store, "Tan Wei Ming"))
        records.add_person(s, name="Tan Wei Ming", role="professor", organization="NTU Singapore")
    before = dump(demo)
    with pytest.raises(UndoConflict, match="Tan Wei Ming"), demo_store.write() as s:
        undo_last(s)
    assert dump(demo) == before


def test_a_failed_action_records_nothing(demo_store: Store) -> None:
    with pytest.raises(RuntimeError), demo_store.write() as s:
        with recording(s, action="bulk-move", description="boom"):
            records.add_person(s, name="Someone", role="professor")
            raise RuntimeError("boom")
    with demo_store.read() as s:
        assert s.exec(select(UndoEntry)).all() == []


def test_the_log_keeps_the_last_entries_only(store: Store) -> None:
    for i in range(KEEP + 5):
        with store.write() as s:
            person = records.add_person(s, name=f"P{i}", role="professor")
            assert person.id is not None
            delete_person(s, person_id=person.id)
    with store.read() as s:
        assert len(s.exec(select(UndoEntry)).all()) == KEEP


# --- bulk move: accepting an offer --------------------------------------------------------------------


def _offers(store: Store) -> tuple[int, list[int]]:
    with store.read() as s:
        offers = s.exec(select(Offer)).all()
        opps = s.exec(select(Opportunity)).all()
    assert len(offers) >= 2
    return offers[0].id, [o.id for o in opps]  # type: ignore[return-value]


def test_accepting_an_offer_is_undone_with_the_other_moves(demo: Path, demo_store: Store) -> None:
    before = dump(demo)
    offer, everything = _offers(demo_store)
    with demo_store.write() as s:
        outcome = accept_offer(s, offer_id=offer, close=everything, on=TODAY)
    assert outcome.declined or outcome.withdrawn
    assert dump(demo) != before
    with demo_store.read() as s:
        assert pending(s).action == "bulk-move"
    with demo_store.write() as s:
        assert "accepted the offer" in str(undo_last(s))
    assert dump(demo) == before


def test_undo_of_a_move_changed_since_refuses_and_names_it(demo: Path, demo_store: Store) -> None:
    offer, everything = _offers(demo_store)
    with demo_store.write() as s:
        outcome = accept_offer(s, offer_id=offer, close=everything, on=TODAY)
        closed = (outcome.declined + outcome.withdrawn)[0]
    with demo_store.write() as s:
        records.record_stage(s, find_opportunity(s, closed), "applied", on=TODAY)
    before = dump(demo)
    with pytest.raises(UndoConflict, match="stage") as err, demo_store.write() as s:
        undo_last(s)
    assert closed in str(err.value)
    assert dump(demo) == before


def test_every_reminder_key_of_the_demo_names_its_record(demo_store: Store) -> None:
    """Deletes drop (and undo renumbers) snoozes by the record a key names: every kind of key must parse."""
    from tracker.store.queries.reminder_keys import key_record
    from tracker.store.queries.reminders import current_reminders

    with demo_store.read() as s:
        reminders = current_reminders(s, today=TODAY, within_days=60, zone=KOLKATA)
    kinds = {r.kind for r in reminders}
    assert len(kinds) >= 6
    assert [r.key for r in reminders if key_record(r.key) is None] == []
