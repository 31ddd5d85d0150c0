"""Course packages: reading ``courses/<slug>/`` from disk and reporting every problem.

Pure: no Flask app, no database. ``load_package`` is used by ``courses validate`` and by the
sync; the web process never imports or runs anything from a package.
"""

from lms.exercises.problems import Problem
from lms.packages.loader import content_hash, discover, load_package, package_files, reference_checks
from lms.packages.model import (
    AUDIENCES,
    LANGUAGES,
    LEVELS,
    PROGRAMMES,
    SUPPORTED_SCHEMAS,
    CoursePackage,
    ItemSpec,
    UnitSpec,
    is_slug,
)

__all__ = [
    "AUDIENCES",
    "LANGUAGES",
    "LEVELS",
    "PROGRAMMES",
    "SUPPORTED_SCHEMAS",
    "CoursePackage",
    "ItemSpec",
    "Problem",
    "UnitSpec",
    "content_hash",
    "discover",
    "is_slug",
    "load_package",
    "package_files",
    "reference_checks",
]
