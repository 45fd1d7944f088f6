"""Training groups: an organization's named sets of athletes (a squad, the juniors)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from runseason.db.base import Base, BigId, IdMixin, TenantMixin, TimestampMixin


class TrainingGroup(IdMixin, TenantMixin, TimestampMixin, Base):
    """A named group of the organization's athletes; an athlete may be in several."""

    __tablename__ = "training_groups"
    __audited__ = True
    __table_args__ = (UniqueConstraint("organization_id", "name"),)

    name: Mapped[str] = mapped_column(String(80))
    # The coach who made it may rename or delete it (admins may always); null when made by an
    # admin or when that account is gone.
    created_by_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("users.id", ondelete="SET NULL")
    )


class GroupMember(TenantMixin, Base):
    """An athlete's place in a training group."""

    __tablename__ = "group_members"
    __audited__ = True
    __table_args__ = (Index(None, "athlete_id"),)

    group_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("training_groups.id", ondelete="CASCADE"), primary_key=True
    )
    athlete_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("athletes.id", ondelete="CASCADE"), primary_key=True
    )
