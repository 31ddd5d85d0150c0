"""Morocco's school geography: regions (2015 division) → provinces/prefectures → schools."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.extensions import db


class _Named:
    """Places carry a French and an Arabic name; English uses the French (Latin-script) one."""

    name_fr: Mapped[str]
    name_ar: Mapped[str]

    def name_for(self, locale: str) -> str:
        return self.name_ar if locale == "ar" and self.name_ar else self.name_fr


class Region(_Named, db.Model):
    """One of the 12 regions, with its ISO 3166-2 code (MA-01 … MA-12)."""

    __tablename__ = "regions"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    name_fr: Mapped[str] = mapped_column(String(120))
    name_ar: Mapped[str] = mapped_column(String(120))

    provinces: Mapped[list[Province]] = relationship(back_populates="region", order_by="Province.name_fr")

    def __repr__(self) -> str:
        return f"<Region {self.code}>"


class Province(_Named, db.Model):
    """A province or prefecture, imported from CSV by an admin."""

    __tablename__ = "provinces"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name_fr: Mapped[str] = mapped_column(String(120))
    name_ar: Mapped[str] = mapped_column(String(120), default="")
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"), index=True)

    region: Mapped[Region] = relationship(back_populates="provinces")
    schools: Mapped[list[School]] = relationship(back_populates="province")

    def __repr__(self) -> str:
        return f"<Province {self.code}>"


class School(_Named, db.Model):
    """A school (établissement), identified by its ministry code."""

    __tablename__ = "schools"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name_fr: Mapped[str] = mapped_column(String(200))
    name_ar: Mapped[str] = mapped_column(String(200), default="")
    province_id: Mapped[int] = mapped_column(ForeignKey("provinces.id"), index=True)

    province: Mapped[Province] = relationship(back_populates="schools")

    def __repr__(self) -> str:
        return f"<School {self.code}>"
