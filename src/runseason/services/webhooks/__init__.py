"""Outbound webhooks per Standard Webhooks: the organization's own systems hear its events.

db/outbox.py (a listener) ─► webhook_messages, in the transaction of each change
endpoints (admins register addresses, each with its whsec_ secret; the delivery log; retry)
addresses (no private, loopback, link-local or metadata address: at registration and each send)
delivery (the worker's job: fan out to endpoints, sign, send, retry with jitter over 27 hours)
"""
