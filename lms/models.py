"""Every model, imported in one place so that Alembic and SQLAlchemy see the whole schema."""

import lms.assignments.models
import lms.audit.models
import lms.auth.models
import lms.authoring.models
import lms.certificates.models
import lms.classes.models
import lms.gradebook.models
import lms.mail.models
import lms.notifications.models
import lms.reports.models
import lms.teaching.models  # noqa: F401
from lms.courses.models import Course, Item, Unit
from lms.geo.models import Province, Region, School
from lms.learning.code_runs import CodeRun
from lms.learning.models import Attempt, Enrolment, ItemProgress, UnitProgress
from lms.programmes.models import Programme
from lms.users.models import Role, User

__all__ = [
    "Attempt",
    "CodeRun",
    "Course",
    "Enrolment",
    "Item",
    "ItemProgress",
    "Programme",
    "Province",
    "Region",
    "Role",
    "School",
    "Unit",
    "UnitProgress",
    "User",
]
