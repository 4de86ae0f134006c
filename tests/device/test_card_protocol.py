"""The parts of the card reader and staff-card profile that need no card: APDU rules, certificates, the PIN."""

import datetime as dt
import logging

import pytest

import device.staff_card.session as profile
import device.staff_card.certificate as certificates
import device.staff_card.virtual as virtual
from device.card import CardReader, CardInfo, CardReadError
from device.card_simulated import CardReaderSimulated
from device.staff_card.session import (CardExpired, CardNotGenuine, NoTrustedKey, StaffCardSession, decode_certificate,
                               load_trusted_keys, pin_block, tries_left_from)
from device.staff_card.personalise import main as personalise_main
from device.staff_card.virtual import VirtualStaffCard
from tests.device.card_rig import PIN, Events


class Scripted(CardReader):
    """A provider that answers from a script, to test what the base does with status words."""

    name = "scripted"

    def __init__(self, answers):
        super().__init__()
        self.answers, self.sent = [bytes.fromhex(a) for a in answers], []
        self._card = CardInfo("scripted", "3B00")

    def _connect(self):
        pass

    def _disconnect(self):
        pass

    def _transmit_raw(self, apdu):
        self.sent.append(apdu.hex().upper())
        return self.answers.pop(0)


def test_61xx_is_followed_by_get_response_and_the_parts_joined():
    reader = Scripted(["AABB6102", "CCDD9000"])
    response = reader.transmit(bytes.fromhex("00CA010100"))
    assert (response.data, response.sw) == (bytes.fromhex("AABBCCDD"), 0x9000)
    assert reader.sent == ["00CA010100", "00C0000002"]


def test_6cxx_resends_with_the_length_the_card_asked_for():
    reader = Scripted(["6C10", "00" * 16 + "9000"])
    assert reader.transmit(bytes.fromhex("00CA010100")).ok
    assert reader.sent == ["00CA010100", "00CA010110"]


def test_a_provider_failure_becomes_a_card_read_error_with_a_message_key():
    reader = Scripted([])  # popping from an empty script raises IndexError
    with pytest.raises(CardReadError) as error:
        reader.transmit(bytes.fromhex("00A4040000"))
    assert error.value.message_key == "card.read_error"


def test_a_failing_event_handler_is_logged_and_the_others_still_run(caplog):
    reader = CardReaderSimulated()
    called = []
    reader.bind(on_card_inserted=lambda card: 1 / 0, on_card_removed=called.append)
    reader.bind(on_card_inserted=called.append)
    reader.start()
    reader.insert_demo_card()
    reader.remove_card()
    assert len(called) == 2 and "ZeroDivisionError" in caplog.text


def test_dispatch_carries_every_event_to_the_app():
    queued = []
    reader = CardReaderSimulated(dispatch=queued.append)
    seen = Events(reader)
    reader.start()
    reader.insert_demo_card()
    assert seen.names() == [] and len(queued) == 3  # nothing runs until the app's main thread runs it
    for call in queued:
        call()
    assert seen.names() == ["on_reader_added", "on_health_changed", "on_card_inserted"]


@pytest.mark.parametrize("sw, tries", [(0x63C2, 2), (0x63C0, 0), (0x9000, None), (0x6983, None)])
def test_tries_left_come_from_63cx(sw, tries):
    assert tries_left_from(sw) == tries


@pytest.mark.parametrize("pin", ["123", "123456789", "12a4", "", "١٢٣٤"])
def test_a_pin_that_is_not_4_to_8_digits_never_reaches_the_card(pin):
    with pytest.raises(ValueError) as error:
        pin_block(pin)
    assert pin not in str(error.value) or not pin


def test_a_badly_formed_pin_uses_up_no_try(issuers):
    reader = CardReaderSimulated()
    reader.start()
    card = VirtualStaffCard(profile_card(issuers[0]))
    reader.insert_card(card)
    session = StaffCardSession(reader, aid=bytes.fromhex(profile.DEFAULT_AID),
                               trusted_keys=[issuers[0].key.public_key()])
    session.open()
    assert session.verify_pin("12").status == "pin_format"
    assert card.tries_left == 3


def profile_card(issuer, **kwargs):
    from device.staff_card.personalise import personalise
    return personalise(issuer.key, pin=PIN, roles=("champion",), **kwargs)


def test_an_expired_card_is_refused(issuers):
    reader = CardReaderSimulated()
    reader.start()
    reader.insert_card(VirtualStaffCard(profile_card(issuers[0], valid_days=-1)))
    session = StaffCardSession(reader, aid=bytes.fromhex(profile.DEFAULT_AID),
                               trusted_keys=[issuers[0].key.public_key()])
    with pytest.raises(CardExpired) as error:
        session.open()
    assert error.value.message_key == "card.expired"


def test_roles_cannot_be_changed_without_the_issuers_key(issuers):
    image = profile_card(issuers[0])
    raw = bytearray(bytes.fromhex(image["certificate"]))
    raw[raw.index(bytes([certificates.TAG_ROLES, 1])) + 2] = 0x03  # champion -> champion + maintenance
    certificate = decode_certificate(bytes(raw))
    assert certificate.roles == ("champion", "maintenance")
    with pytest.raises(CardNotGenuine):
        certificates.check_certificate(certificate, [issuers[0].key.public_key()], dt.date.today())


@pytest.mark.parametrize("raw", ["", "8001", "80010181", "8001028108" + "00" * 8])
def test_a_malformed_certificate_is_not_genuine(raw):
    with pytest.raises(CardNotGenuine):
        decode_certificate(bytes.fromhex(raw))


def test_no_trusted_key_means_no_staff_card_is_accepted(issuers, tmp_path):
    assert load_trusted_keys(tmp_path / "missing.pub") == []
    certificate = decode_certificate(bytes.fromhex(profile_card(issuers[0])["certificate"]))
    with pytest.raises(NoTrustedKey):
        certificates.check_certificate(certificate, [], dt.date.today())
    (tmp_path / "junk.pub").write_text("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")
    with pytest.raises(NoTrustedKey):
        load_trusted_keys(tmp_path / "junk.pub")


def test_a_trusted_key_file_may_hold_several_issuers(issuers, tmp_path):
    both = tmp_path / "both.pub"
    both.write_text(issuers[0].public_file.read_text() + issuers[1].public_file.read_text())
    assert len(load_trusted_keys(both)) == 2


def test_the_virtual_card_uses_the_numbers_of_the_profile():
    assert (virtual.PIN_REFERENCE, virtual.MAX_TRIES, virtual.CERTIFICATE_TAG, virtual.AUTHENTICATE_CONTEXT) == \
        (profile.PIN_REFERENCE, profile.MAX_TRIES, profile.CERTIFICATE_TAG, certificates.AUTHENTICATE_CONTEXT)


def test_the_personalisation_tool_writes_a_card_and_its_issuer_key(tmp_path, capsys, caplog):
    caplog.set_level(logging.DEBUG)
    out, issuer = tmp_path / "card.json", tmp_path / "issuer.pem"
    assert personalise_main(["--out", str(out), "--pin", PIN, "--role", "champion", "--role", "maintenance",
                             "--issuer-key", str(issuer)]) == 0
    printed = capsys.readouterr().out
    assert issuer.with_suffix(".pub").exists() and (issuer.stat().st_mode & 0o077) == 0
    text = out.read_text()
    assert PIN not in text and PIN not in printed and PIN not in caplog.text  # only a salted hash is kept
    card = VirtualStaffCard.load(out)
    assert card.image["roles"] == ["champion", "maintenance"] and card.tries_left == 3
    keys = load_trusted_keys(issuer.with_suffix(".pub"))
    certificate = decode_certificate(bytes.fromhex(card.image["certificate"]))
    certificates.check_certificate(certificate, keys, dt.date.today())


def test_the_personalisation_tool_refuses_a_bad_pin(tmp_path, capsys):
    assert personalise_main(["--out", str(tmp_path / "c.json"), "--pin", "12", "--role", "champion",
                             "--issuer-key", str(tmp_path / "i.pem")]) == 2
    assert "4 to 8 digits" in capsys.readouterr().err


@pytest.mark.parametrize("key, told", [("card.removed", False), ("card.read_error", True)])
def test_a_card_gone_before_it_could_be_read_leaves_no_message_but_a_bad_read_does(key, told):
    """A message about a card the person already took out would cover the keypad of the next card (CI saw a stale
    card from the test before do exactly that)."""
    from device.card import CardError
    from device.staff_card.events import StaffCards

    class GoneBeforeRead:
        def open(self):
            raise CardError("no card", message_key=key)

    reader = CardReaderSimulated()
    staff = StaffCards(reader, GoneBeforeRead)
    events = Events(staff)
    reader.insert_demo_card()
    assert ("on_not_staff_card" in events.names()) is told
    assert "on_pin_needed" not in events.names() and staff.session is None
    staff.close()
