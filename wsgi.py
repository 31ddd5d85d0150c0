"""The WSGI entry point: ``gunicorn wsgi:app`` or ``flask --app wsgi …``."""

import gc

from lms import create_app

app = create_app()

# Objects made at start-up live as long as the process: keep them out of the garbage collector's
# full passes, which otherwise cost tens of milliseconds on dashboards (docs/performance.md).
gc.collect()
gc.freeze()
