"""The ``classes`` blueprint, on its own so that every module of the area can add routes to it.

The routes live in views.py (classes, dashboard, learner detail, export) and membership.py (members, import, joining); create_app imports those modules (lms.ROUTE_MODULES) before registering it.
"""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("classes", __name__, url_prefix="/classes")
