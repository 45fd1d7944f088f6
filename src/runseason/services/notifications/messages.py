"""The emails themselves: subject, text and HTML bodies from Jinja2 templates, and headers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from runseason.config import get_settings
from runseason.domain.notifications import WEEKDAYS
from runseason.domain.risk import percent
from runseason.schemas.coaching import CommandCenterRead, QueueItem
from runseason.schemas.notifications import Kind
from runseason.services.notifications.unsubscribe import unsubscribe_url

_TEMPLATES = Environment(
    loader=PackageLoader("runseason.services.notifications", "templates"),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
BUCKET_WORDS = {"at_risk": "At risk", "watch": "Watch", "stable": "Stable"}
SLA_WORDS = {"fresh": "new", "due": "due today", "overdue": "overdue"}
MONTHS = "January February March April May June July August September October November December"


@dataclass(frozen=True)
class Recipient:
    """Who an email goes to, and the local day it is for."""

    user_id: int
    organization_id: int
    name: str
    email: str
    local_date: date


def long_date(day: date) -> str:
    """'Sunday 29 March' (the person's local day)."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS.split()[day.month - 1]}"


def link(path: str = "/") -> str:
    """A link into the web app."""
    return get_settings().public_url.rstrip("/") + path


def _factor(factor: dict[str, Any]) -> str:
    words = str(factor.get("threshold") or factor.get("name") or "").strip()
    return f"{words[:1].upper()}{words[1:]} ({percent(float(factor.get('share', 0.0)))})"


def digest_item(item: QueueItem) -> dict[str, Any]:
    """One Command Center item as the digest shows it."""
    return {
        "athlete": item.athlete_name,
        "title": item.intervention.title,
        "risk": percent(item.risk),
        "bucket": BUCKET_WORDS.get(item.risk_bucket, item.risk_bucket.capitalize()),
        "sla": SLA_WORDS.get(str(item.intervention.sla), str(item.intervention.sla)),
        "factors": [_factor(f) for f in item.top_factors[:3]] or item.why[:3],
        "recommendation": item.recommendation.title if item.recommendation else None,
        "link": link(f"/athlete?athlete={item.intervention.athlete_id}"),  # the athlete's case
    }


def _message(
    kind: Kind, to: Recipient, subject: str, context: dict[str, Any], now: datetime
) -> EmailMessage:
    settings = get_settings()
    unsubscribe = unsubscribe_url(to.user_id, kind)
    context = {**context, "name": to.name, "unsubscribe": unsubscribe, "profile": link("/profile")}
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = settings.smtp_from
    message["To"] = formataddr((to.name, to.email))
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain=settings.smtp_from.rpartition("@")[2].strip("> "))
    message["List-Unsubscribe"] = f"<{unsubscribe}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"  # RFC 8058
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(_TEMPLATES.get_template(f"{kind}.txt").render(context))
    message.add_alternative(_TEMPLATES.get_template(f"{kind}.html").render(context), subtype="html")
    return message


def digest_message(to: Recipient, queue: CommandCenterRead, now: datetime) -> EmailMessage:
    """The coach's morning digest: the Command Center's top items with risk, factors and a link."""
    waiting = queue.total
    if waiting == 0:
        subject = "Your morning digest: nobody needs you today"
    else:
        subject = f"Your morning digest: {waiting} open item{'s' if waiting != 1 else ''}"
    context = {
        "day": long_date(to.local_date),
        "items": [digest_item(item) for item in queue.items],
        "total": waiting,
        "overdue": queue.sla.get("overdue", 0),
        "command_center": link("/"),
    }
    return _message("digest", to, subject, context, now)


def reminder_message(to: Recipient, now: datetime) -> EmailMessage:
    """The athlete's check-in reminder, with a link to Today."""
    context = {"day": long_date(to.local_date), "today": link("/")}
    return _message("reminder", to, "Time for your morning check-in", context, now)
