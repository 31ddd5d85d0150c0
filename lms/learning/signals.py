"""Progress events, for certificates, reports and (later) xAPI to listen to.

Every signal is sent by :mod:`lms.learning.progress` *inside* the transaction that recorded the change,
after the row is flushed: a receiver may add rows to the same session (a certificate, a rollup), and they
commit or roll back together with the progress. Receivers return nothing. Keyword arguments:

- ``item_completed``: sender = the learner (User); ``item`` (Item), ``at`` (aware datetime).
- ``unit_completed``: sender = the learner; ``unit`` (Unit), ``at``.
- ``course_completed``: sender = the learner; ``course`` (Course), ``enrolment``, ``at``. Sent exactly once
  per learner and course: the completion is claimed by a conditional UPDATE that only one transaction wins.
- ``attempt_recorded``: sender = the learner; ``attempt`` (Attempt), sent when an attempt is graded.
- ``item_opened``: sender = the learner; ``item`` (Item), ``at``. Sent when the learner's own visit is
  recorded (the first one, then at most once per visit resolution): a learning action of their own.
"""

from blinker import Namespace

_signals = Namespace()

item_completed = _signals.signal("item-completed")
unit_completed = _signals.signal("unit-completed")
course_completed = _signals.signal("course-completed")
attempt_recorded = _signals.signal("attempt-recorded")
item_opened = _signals.signal("item-opened")
