"""Settings for the load benchmark: the site's own settings in production mode, served
over plain http on 127.0.0.1, plus the bare baseline view (bench/urls.py).

    DJANGO_SETTINGS_MODULE=bench.settings gunicorn newsroom.wsgi

Never deploy with these: the secret key below is public.
"""

import os
import warnings

# newsroom.settings derives much from these at import time (the static files storage,
# allowed hosts, the https settings), so they are fixed before it is read.
os.environ["DEBUG"] = "0"
os.environ["HTTPS"] = "0"
os.environ.setdefault("SECRET_KEY", "bench-only-key-never-deployed-0123456789abcdefghijklmnop")
os.environ.setdefault("LOG_LEVEL", "WARNING")

from newsroom.settings import *  # noqa: F403
from newsroom.settings import STORAGES

DEBUG = False
SECRET_KEY = os.environ["SECRET_KEY"]
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.urls"

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# Pages link to static files by their plain names: no collectstatic and no manifest
# needed. The load tool asks for pages only, so whitenoise finding no files is harmless.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
warnings.filterwarnings("ignore", message="No directory at")

# bench/traffic.py counts the answers that were rendered from the database (bench/
# middleware.py); off unless asked for, so bench/load.py measures the stack unchanged.
if os.environ.get("BENCH_QUERY_HEADER") == "1":
    MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]  # noqa: F405
