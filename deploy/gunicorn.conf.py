"""gunicorn's settings for Maharat: ``gunicorn -c deploy/gunicorn.conf.py wsgi:app`` (docs/deploy.md).

Two workers per core at most on a small school server, threads for the requests that wait on the
database or the grader. Each worker builds the app itself (no ``preload_app``): database connections
and the grading supervisor thread are never shared across a fork.
"""

import gc
import multiprocessing

bind = "127.0.0.1:8000"
workers = min(4, multiprocessing.cpu_count())
threads = 4
worker_class = "gthread"
#: Keep-alive connections from nginx are reused instead of reconnected for every request.
keepalive = 5


def post_worker_init(worker) -> None:
    """Freeze the start-up heap of each worker once the app is loaded (wsgi.py does it too when the app is
    imported directly): the garbage collector's full passes then skip the ~170,000 objects that live as
    long as the process, which otherwise cost tens of milliseconds on big pages (docs/performance.md)."""
    gc.collect()
    gc.freeze()
