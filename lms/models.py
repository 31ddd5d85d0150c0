"""Every model, imported in one place so that Alembic and SQLAlchemy see the whole schema."""

from lms.geo.models import Province, Region, School
from lms.programmes.models import Programme
from lms.users.models import Role, User

__all__ = ["Programme", "Province", "Region", "Role", "School", "User"]
