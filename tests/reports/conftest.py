from tests.classes.conftest import (  # noqa: F401  (shared fixtures)
    course,
    courses_dir,
    fast_passwords,
    install,
    klass,
    make_school,
    school,
    teacher,
)
