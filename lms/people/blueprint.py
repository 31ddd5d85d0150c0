"""The ``people`` blueprint, on its own so that every module of the area can add routes to it.

The routes live in views.py (list, one person, roles, resets) and import_views.py (CSV imports); create_app imports those modules (lms.ROUTE_MODULES) before registering it.
"""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("people", __name__, url_prefix="/admin/people")
