"""Programme reports: routes are added by the reports issue."""

from flask import Blueprint

bp = Blueprint("reports", __name__, url_prefix="/reports")
