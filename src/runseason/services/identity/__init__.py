"""Identity: who is asking and what they may do.

    passwords ─► auth (sign-in, lockout, server-side sessions) ─► access.Actor
    tokens (JWT access/refresh, API keys) ───────────────────────┘
    ratelimit guards sign-in; users and organizations manage accounts.

Every other service receives an ``access.Actor`` and authorizes it first (``access.use_case``).
"""
