"""A session's comment thread under the session: the athlete and their coaches, oldest first,
with a box to reply."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import streamlit as st

from runseason.schemas.comments import COMMENT_MAX_CHARS, CommentCreate, CommentRead
from runseason.schemas.plans import CalendarSessionRead
from runseason.services import comments
from runseason.services.identity.access import Actor
from runseason.services.paging import MAX_PAGE_SIZE, ListWindow
from runseason.ui import runtime, wording

LABELS = {"body": "Message"}


def _moment(local: datetime) -> str:
    """A message's time as the app writes moments ("3 Dec 2026 08:14"), already in the reader's
    time zone."""
    return f"{local.day} {local:%b %Y %H:%M}"


def _message(actor: Actor, comment: CommentRead, key: str) -> None:
    who = "You" if comment.mine else f"{runtime.plain(comment.author_name)} ({comment.author_role})"
    edited = " · edited" if comment.edited else ""
    st.markdown(f"**{who}** · {_moment(comment.created_local)}{edited}")
    st.markdown(runtime.plain(comment.body))
    if comment.mine and st.button("Remove", key=f"{key}-remove-{comment.id}", type="tertiary"):
        if runtime.call(comments.delete_comment, actor, comment.id) is not None:
            runtime.done("Message removed.")


def thread(actor: Actor, session_id: int, *, key: str, prompt: str = "Reply") -> None:
    """The planned session's thread and a box to write in (user text shown as written)."""
    window = ListWindow(page_size=MAX_PAGE_SIZE)
    page = runtime.call(comments.list_session_comments, actor, session_id, window)
    if page is None:
        return
    if not page.items:
        st.caption("No messages about this session yet.")
    for comment in page.items:
        _message(actor, comment, key)
    if page.total > len(page.items):
        st.caption(f"The first {len(page.items)} of {page.total} messages.")
    with st.form(f"{key}-form-{session_id}", clear_on_submit=True):
        text = st.text_area(prompt, max_chars=COMMENT_MAX_CHARS, key=f"{key}-text-{session_id}")
        if st.form_submit_button("Send"):
            data = runtime.valid(CommentCreate, LABELS, body=text)
            if data and runtime.call(
                comments.add_session_comment, actor, session_id, data, now=runtime.now()
            ):
                runtime.done("Message sent.")


def _label(s: CalendarSessionRead) -> str:
    said = (
        "" if not s.comments else " · 1 message" if s.comments == 1 else f" · {s.comments} messages"
    )
    return f"{wording.day_short(s.scheduled_date)} · {s.title}{said}"


def week_thread(
    actor: Actor,
    sessions: Sequence[CalendarSessionRead],
    today: date,
    *,
    key: str,
    prompt: str = "Reply",
) -> None:
    """Pick one of the week's sessions (today's, else the first) and show its thread."""
    talkable = [s for s in sessions if s.category != "rest"]
    if not talkable:
        return
    st.markdown("**Comments on a session**")
    labels = {s.id: _label(s) for s in sorted(talkable, key=lambda s: s.scheduled_date)}
    ids = list(labels)
    todays = next((i for i, s in enumerate(talkable) if s.scheduled_date == today), 0)
    start = ids.index(talkable[todays].id)
    chosen = st.selectbox(
        "Session to talk about",
        ids,
        index=start,
        format_func=labels.__getitem__,
        key=f"{key}-session",
    )
    if chosen is not None:
        thread(actor, int(chosen), key=key, prompt=prompt)
