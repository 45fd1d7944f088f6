"""Password hashing and policy."""

from __future__ import annotations

import pytest
from pwdlib.hashers.bcrypt import BcryptHasher

from runseason.config import SecuritySettings
from runseason.errors import InvalidInput
from runseason.services.identity import passwords


def _phc_params(phc: str) -> dict[str, int]:
    # $argon2id$v=19$m=19456,t=2,p=1$salt$hash
    parts = phc.split("$")
    assert parts[1] == "argon2id"
    return {k: int(v) for k, v in (item.split("=") for item in parts[3].split(","))}


def test_default_hash_parameters_meet_the_asvs_floor() -> None:
    phc = passwords.hasher(SecuritySettings()).hash("a long enough secret phrase")
    params = _phc_params(phc)
    assert params["m"] >= 19 * 1024
    assert params["t"] >= 2
    assert params["p"] >= 1


def test_hash_verifies_exactly_as_typed() -> None:
    stored = passwords.hash_password("Tr@iling space ")
    assert passwords.verify_password("Tr@iling space ", stored) == (True, None)
    assert passwords.verify_password("Tr@iling space", stored)[0] is False
    assert passwords.verify_password("tr@iling space ", stored)[0] is False


def test_bcrypt_hashes_verify_and_come_back_rehashed_as_argon2() -> None:
    legacy = BcryptHasher().hash("an old bcrypt password")
    ok, new_hash = passwords.verify_password("an old bcrypt password", legacy)
    assert ok
    assert new_hash is not None
    assert new_hash.startswith("$argon2id$")


def test_a_malformed_stored_hash_fails_closed() -> None:
    assert passwords.verify_password("anything at all", "not-a-hash") == (False, None)


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short", "at least 12"),
        ("x" * 129, "at most 128"),
        ("1qaz2wsx3edc", "too common"),
        ("QWERTY123456", "too common"),
        ("aaaaaaaaaaaaaaaa", "too common"),
        ("greta@northside.example.com", "email"),
    ],
)
def test_policy_refuses(password: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        passwords.check_password_policy(password, email="greta@northside.example.com")


@pytest.mark.parametrize(
    "password", ["correct horse battery staple", "only lowercase and long", "ÅÆØ unicode ok 123"]
)
def test_policy_has_no_composition_rules(password: str) -> None:
    passwords.check_password_policy(password)


def test_ten_thousand_common_passwords_are_checked() -> None:
    assert len(passwords._common_passwords()) == 10_000


def test_temporary_passwords_are_random_and_long() -> None:
    first, second = passwords.temporary_password(), passwords.temporary_password()
    assert first != second
    assert len(first) == 20
