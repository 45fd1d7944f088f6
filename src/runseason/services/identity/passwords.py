"""Password hashing and policy (OWASP ASVS level 2; numbers and reasons in SECURITY.md)."""

from __future__ import annotations

import secrets
import string
from functools import cache

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
from pwdlib.hashers.bcrypt import BcryptHasher
from zxcvbn.frequency_lists import FREQUENCY_LISTS

from runseason.config import SecuritySettings, get_settings
from runseason.errors import InvalidInput

COMMON_PASSWORDS_CHECKED = 10_000
TEMPORARY_PASSWORD_LENGTH = 20
_TEMPORARY_ALPHABET = string.ascii_letters + string.digits


@cache
def _common_passwords() -> frozenset[str]:
    # zxcvbn's ranked list of leaked passwords; the 10,000 most common are refused.
    return frozenset(FREQUENCY_LISTS["passwords"][:COMMON_PASSWORDS_CHECKED])


def hasher(security: SecuritySettings | None = None) -> PasswordHash:
    """argon2id with the configured cost (first, used for new hashes); bcrypt still verifies."""
    s = security or get_settings().security
    argon = Argon2Hasher(
        time_cost=s.argon2_time_cost,
        memory_cost=s.argon2_memory_kib,
        parallelism=s.argon2_parallelism,
    )
    return PasswordHash((argon, BcryptHasher()))


@cache
def _default_hasher() -> PasswordHash:
    return hasher()


def reset_hasher_cache() -> None:
    """Forget the cached hasher (after settings change, in tests)."""
    _default_hasher.cache_clear()


def hash_password(password: str) -> str:
    """A PHC-format argon2id hash of the password exactly as typed."""
    return _default_hasher().hash(password)


def verify_password(password: str, password_hash: str) -> tuple[bool, str | None]:
    """Whether it matches, and a new hash when the stored one is bcrypt or outdated argon2."""
    try:
        return _default_hasher().verify_and_update(password, password_hash)
    except Exception:
        return False, None


def dummy_verify(password: str) -> None:
    """Spend the work of one verification, so unknown accounts answer as slowly as known ones."""
    _default_hasher().verify(password, _dummy_hash())


@cache
def _dummy_hash() -> str:
    return _default_hasher().hash(secrets.token_urlsafe(16))


def check_password_policy(password: str, *, email: str | None = None) -> None:
    """Refuse passwords that are too short, too long, common or the account's own email."""
    s = get_settings().security
    if len(password) < s.password_min_length:
        raise InvalidInput(f"The password must have at least {s.password_min_length} characters.")
    if len(password) > s.password_max_length:
        raise InvalidInput(f"The password must have at most {s.password_max_length} characters.")
    lowered = password.lower()
    if lowered in _common_passwords() or len(set(password)) < 3:
        raise InvalidInput("This password is too common; choose one that is hard to guess.")
    if email and lowered in {email.lower(), email.lower().split("@")[0]}:
        raise InvalidInput("The password must not be your email address.")


def temporary_password() -> str:
    """A random 20-character password (about 119 bits) for a new or reset account."""
    return "".join(secrets.choice(_TEMPORARY_ALPHABET) for _ in range(TEMPORARY_PASSWORD_LENGTH))
