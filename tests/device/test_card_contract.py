"""The card-reader contract and the staff-card profile, checked on every provider.

Each test runs on the simulated reader and on the real PC/SC stack (pcscd + vpcd + a virtual staff card served
by Debian's python3): the same cards, the same commands, the same answers.
"""

import logging
import threading

import pytest

from device.staff_card.session import (DEFAULT_AID, CardNotGenuine, NotAStaffCard, StaffCardSession, load_trusted_keys)
from device.staff_card.events import StaffCards
from tests.device.card_rig import PIN, Events

WRONG_PIN = "000000"


def open_session(rig, issuer):
    """Wait for the card, then SELECT it and check its certificate, as the kiosk does on insertion."""
    rig.events.wait_for("on_card_inserted")
    session = StaffCardSession(rig.reader, aid=bytes.fromhex(DEFAULT_AID),
                               trusted_keys=load_trusted_keys(issuer.public_file))
    session.open()
    return session


def test_inserting_and_removing_a_card_sends_events_in_order(rig, issuers, tmp_path):
    rig.events.clear()
    rig.insert(issuers[0].card(tmp_path))
    (card,) = rig.events.wait_for("on_card_inserted")
    assert card.reader == rig.reader.reader_name and card.atr.startswith("3B")
    assert rig.reader.card == card
    rig.remove()
    rig.events.wait_for("on_card_removed")
    rig.insert(issuers[0].card(tmp_path, name="second"))
    rig.events.wait_for("on_card_inserted", count=2)
    # The reader's own health reports ("present") may come at any time, on a loaded machine after clear(): only
    # the card events have an order to keep.
    card_events = [name for name in rig.events.names() if name.startswith("on_card_")]
    assert card_events == ["on_card_inserted", "on_card_removed", "on_card_inserted"]
    assert rig.reader.health() == "present"


def test_a_card_without_the_staff_application_is_not_a_staff_card(rig, issuers, tmp_path):
    rig.insert(issuers[0].card(tmp_path, aid="A000000003000000"))  # another application: SELECT says 6A82
    with pytest.raises(NotAStaffCard) as error:
        open_session(rig, issuers[0])
    assert error.value.message_key == "card.not_staff_card"


def test_the_right_pin_is_verified_by_the_card_which_then_proves_it_is_genuine(rig, issuers, tmp_path):
    rig.insert(issuers[0].card(tmp_path, roles=("champion", "maintenance")))
    session = open_session(rig, issuers[0])
    assert session.tries_left() == 3
    result = session.verify_pin(PIN)
    assert result.ok and result.message_key is None
    assert result.identity.roles == ("champion", "maintenance")
    assert session.identity == result.identity


def test_wrong_pins_show_the_tries_left_and_the_third_locks_the_card(rig, issuers, tmp_path):
    card = issuers[0].card(tmp_path)
    rig.insert(card)
    session = open_session(rig, issuers[0])
    outcomes = [session.verify_pin(WRONG_PIN) for _ in range(3)]
    assert [(r.status, r.tries_left) for r in outcomes] == [("wrong_pin", 2), ("wrong_pin", 1), ("locked", 0)]
    assert [r.message_key for r in outcomes] == ["card.pin_wrong", "card.pin_wrong", "card.locked"]
    assert session.verify_pin(PIN).status == "locked"  # locked is locked, even for the right PIN
    rig.remove()
    rig.insert(card)  # the card remembers, as a real one does
    rig.events.wait_for("on_card_inserted", count=2)
    assert open_session(rig, issuers[0]).tries_left() == 0


def test_a_right_pin_resets_the_tries(rig, issuers, tmp_path):
    rig.insert(issuers[0].card(tmp_path))
    session = open_session(rig, issuers[0])
    assert session.verify_pin(WRONG_PIN).tries_left == 2
    assert session.verify_pin(PIN).ok
    assert session.tries_left() == 3


def test_a_card_signed_by_an_untrusted_issuer_is_refused_before_any_pin(rig, issuers, tmp_path):
    trusted, forger = issuers
    rig.insert(forger.card(tmp_path))
    with pytest.raises(CardNotGenuine) as error:
        open_session(rig, trusted)
    assert error.value.message_key == "card.not_genuine"


def test_a_card_with_a_copied_certificate_fails_the_challenge(rig, issuers, tmp_path):
    # A clone: a genuine-looking certificate, but not the private key it certifies.
    rig.insert(issuers[0].card(tmp_path, forge=True))
    session = open_session(rig, issuers[0])
    result = session.verify_pin(PIN)
    assert (result.status, result.message_key, result.identity) == ("not_genuine", "card.not_genuine", None)
    assert session.identity is None


def test_no_pin_digits_in_the_logs_or_left_in_the_objects(rig, issuers, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    rig.insert(issuers[0].card(tmp_path))
    session = open_session(rig, issuers[0])
    pin = bytearray(PIN.encode())
    assert session.verify_pin(pin).ok
    assert pin == bytearray(len(PIN))  # a bytearray PIN is wiped after use
    session.verify_pin(WRONG_PIN[:4] + PIN[:2])
    ascii_codes = list(PIN.encode())
    leaks = (PIN, PIN.encode().hex(), PIN.encode().hex().upper(), " ".join(f"{b:02X}" for b in ascii_codes),
             repr(ascii_codes)[1:-1])
    assert not [leak for leak in leaks if leak in caplog.text]
    reachable = reprs_reachable_from(session, rig.reader)
    assert not [leak for leak in leaks if any(leak in text for text in reachable)]
    if rig.name == "pcsc" and rig.pcscd.ours:  # pcscd runs without --apdu, so it never sees a reason to log one
        pcscd_log = rig.pcscd.log_path.read_text(errors="replace")
        assert not [leak for leak in leaks if leak in pcscd_log]


def test_taking_the_card_out_before_the_pin_is_checked_ends_the_session(rig, issuers, tmp_path):
    rig.insert(issuers[0].card(tmp_path))
    session = open_session(rig, issuers[0])
    rig.remove()
    rig.events.wait_for("on_card_removed")
    result = session.verify_pin(PIN)
    assert (result.status, result.message_key) == ("error", "card.removed")


def reprs_reachable_from(*roots, depth=5):
    """The repr of every value reachable from these objects' attributes (bytes and lists of ints included)."""
    seen, found, frontier = set(), [], list(roots)
    for _ in range(depth):
        following = []
        for thing in frontier:
            if id(thing) in seen or isinstance(thing, (threading.Thread, type)):
                continue
            seen.add(id(thing))
            found.append(repr(thing))
            if isinstance(thing, dict):
                following += list(thing.values())
            elif isinstance(thing, (list, tuple, set)):
                following += list(thing)
            elif hasattr(thing, "__dict__"):
                following += list(vars(thing).values())
        frontier = following
    return found


@pytest.mark.filterwarnings("error::pytest.PytestUnhandledThreadExceptionWarning")
def test_the_reader_going_away_and_coming_back_is_reported_and_the_reader_keeps_working(rig, issuers, tmp_path):
    # PC/SC: pcscd is stopped and started again; simulated: the reader is unplugged and plugged in.
    rig.insert(issuers[0].card(tmp_path))
    rig.events.wait_for("on_card_inserted")
    rig.events.clear()
    rig.lose_reader()
    rig.events.wait_for("on_reader_removed")
    assert rig.events.names()[:2] == ["on_card_removed", "on_reader_removed"]  # the card first
    assert rig.reader.health() == ("error" if rig.name == "pcsc" else "absent") and rig.reader.reader_name is None
    rig.restore_reader()
    rig.events.wait_for("on_reader_added")
    assert rig.reader.health() == "present"
    if rig.name == "pcsc":
        assert rig.reader.running  # the thread lived through it
    rig.insert(issuers[0].card(tmp_path, name="after"))  # and a card works again
    assert open_session(rig, issuers[0]).verify_pin(PIN).ok


def test_staff_cards_ask_for_the_pin_then_report_ready_and_removed(rig, issuers, tmp_path):
    trusted = load_trusted_keys(issuers[0].public_file)
    staff = StaffCards(rig.reader, lambda: StaffCardSession(rig.reader, aid=bytes.fromhex(DEFAULT_AID),
                                                            trusted_keys=trusted))
    events = Events(staff)
    rig.insert(issuers[0].card(tmp_path, roles=("maintenance",)))
    assert events.wait_for("on_pin_needed") == (3,)
    assert staff.verify_pin(PIN).ok
    (identity,) = events.wait_for("on_staff_card_ready")
    assert identity.roles == ("maintenance",) and staff.identity == identity
    rig.remove()
    events.wait_for("on_staff_card_removed")
    assert staff.identity is None and staff.verify_pin(PIN).message_key == "card.removed"
    rig.insert(issuers[0].card(tmp_path, name="bank", aid="A000000003000000"))
    assert events.wait_for("on_not_staff_card") == ("card.not_staff_card",)
    staff.close()
