"""Teachers' classes: routes are added by the classes issue."""

from flask import Blueprint

bp = Blueprint("classes", __name__, url_prefix="/classes")
