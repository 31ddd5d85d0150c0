"""Signals about installed content.

``course_synced`` — sent by :func:`lms.courses.sync.sync_package` inside the sync's transaction, with the
course as sender and ``report`` (a :class:`~lms.courses.sync.SyncReport`). Receivers (progress) may
update rows in the same session; they return nothing.
"""

from blinker import Namespace

_signals = Namespace()

course_synced = _signals.signal("course-synced")
