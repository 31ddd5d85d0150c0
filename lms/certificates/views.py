"""Certificates: routes are added by the certificates issue."""

from flask import Blueprint

bp = Blueprint("certificates", __name__)
