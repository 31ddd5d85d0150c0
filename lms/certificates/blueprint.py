"""The ``certificates`` blueprint, on its own so that every module of the area can add routes to it.

The routes live in views.py (public verification, documents, the learner's certificates) and admin_views.py (admin pages); create_app imports those modules (lms.ROUTE_MODULES) before registering it.
"""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("certificates", __name__)
