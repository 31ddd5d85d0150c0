"""Exercise types: the contract, the registry and the built-in types.

Everything here is pure (no Flask app, no database): a type turns an exercise folder into
a config, says what a learner may see, and grades a submission.
"""

from lms.exercises.base import (
    ExerciseType,
    GradeResult,
    ReferenceCheck,
    ReviewContext,
    SandboxRequest,
    Submission,
)
from lms.exercises.files import ExerciseFiles
from lms.exercises.overlay import Translatable
from lms.exercises.parsons import ParsonsExercise
from lms.exercises.problems import Problem
from lms.exercises.python import PythonExercise
from lms.exercises.quiz import QuizExercise
from lms.exercises.reflection import ReflectionExercise
from lms.exercises.registry import (
    ENTRY_POINT_GROUP,
    DuplicateExerciseType,
    ExerciseTypeError,
    ExerciseTypeRegistry,
    builtin_registry,
)

__all__ = [
    "ENTRY_POINT_GROUP",
    "DuplicateExerciseType",
    "ExerciseFiles",
    "ExerciseType",
    "ExerciseTypeError",
    "ExerciseTypeRegistry",
    "GradeResult",
    "ParsonsExercise",
    "Problem",
    "PythonExercise",
    "QuizExercise",
    "ReferenceCheck",
    "ReflectionExercise",
    "ReviewContext",
    "SandboxRequest",
    "Submission",
    "Translatable",
    "builtin_registry",
]
