"""Newsroom settings: one module, every deployment difference read from the environment.

See `.env.example` for the variables. Development (`DEBUG=1`) works with none set but
`DATABASE_URL`; production refuses to start without `SECRET_KEY`.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from newsroom.sanitize import VIDEO_EMBED_HOSTS

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set: set it in the environment (DEBUG is off, so no "
            "development key is used)."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-used-when-debug-is-off"  # noqa: S105 development only

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if not DEBUG else "*")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Public name and address of the site, used in feeds, sitemaps and structured data.
SITE_NAME = os.environ.get("SITE_NAME", "Newsroom")

INSTALLED_APPS = [
    "newsroom.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "taggit",
    "django_ckeditor_5",
    "csp",
    "newsroom.apps.AxesConfig",  # django-axes, named in the desk's language
    "newsroom",
    "people",
    "articles",
    "comments",
    "search",
    "imports",
    "demo",
]

MIDDLEWARE = [
    "newsroom.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "newsroom.middleware.RejectMalformedRequestMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "newsroom.middleware.LanguageFromPathMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Old addresses of an imported blog: looked up only when nothing else answered.
    "imports.middleware.OldAddressRedirectMiddleware",
    # ETag on every response, and 304 for a client or CDN that already has the page.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "newsroom.csp.CSPMiddleware",  # django-csp's, the site's policy built once
    # Cached pages for readers without a session: everything above runs for them too.
    "newsroom.pagecache.PageCacheMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Axes must come last: it turns its lockout exception into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "newsroom.context_processors.site",
            ],
        },
    },
]

# Database: DATABASE_URL is required; `make run` / `make test` point it at a private
# cluster when it is not set.
if not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured(
        "DATABASE_URL is not set: use `make run`, `make test` or `make manage`, which start "
        "a private PostgreSQL, or set DATABASE_URL=postgres://user:password@host/dbname."
    )
DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# The hot hand-written statements (newsroom/prepared.py) are prepared on their second
# run in a connection; Django's own cursors bind on the client and are never prepared.
# 0 behind a pooler in transaction mode, where prepared statements do not survive.
if os.environ.get("DATABASE_PREPARED_STATEMENTS", "1") != "0":
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = 1
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: the database cache table by default (created by `createcachetable`), Redis when
# REDIS_URL is set, so that several app servers share one cache.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {
        "default": {
            # Django's database cache, with one-statement sets (newsroom/dbcache.py).
            "BACKEND": "newsroom.dbcache.PostgresCache",
            "LOCATION": "newsroom_cache",
            # Cached pages of a large archive: Django's default of 300 entries would
            # throw pages away as fast as they are stored.
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "50000"))},
        }
    }
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Anonymous readers' pages are cached whole for this long (0 turns the cache off; it is
# off in development so that template edits show at once). A change to anything a page
# shows makes it stale at once (newsroom/pagecache.py), so this is only an upper bound.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0" if DEBUG else "3600"))
# The query parameters public pages read (lists' and threads' pages, the thread's order
# and reply, search and its filters, sitemap pages, live updates); any other is dropped
# before a cached page is looked up or rendered (newsroom/pagecache.py).
PAGE_CACHE_QUERY_PARAMS = frozenset(
    {"page", "order", "reply", "q", "section", "from", "to", "person", "organisation", "p"}
    # A live story's updates: their pages and order, and the poll's newest update seen.
    | {"live_page", "live_order", "since"}
)
# Each worker keeps the pages and pieces it served last in its own memory, up to this
# many and this many megabytes: a hit there costs no query, one fetched from the shared
# cache a millisecond or more (a page is 20-80 KB). A newsroom's readers spread over
# thousands of pages; with 500 a worker's copies turned over faster than readers came
# back (bench/traffic.py), the bytes are the real bound.
PAGE_CACHE_LOCAL_ENTRIES = int(os.environ.get("PAGE_CACHE_LOCAL_ENTRIES", "10000"))
PAGE_CACHE_LOCAL_MB = int(os.environ.get("PAGE_CACHE_LOCAL_MB", "64"))
# How long browsers may keep a public page without asking again, and how long a CDN
# may (it is purged by key when the page changes, so it can keep pages longer).
PAGE_MAX_AGE = int(os.environ.get("PAGE_MAX_AGE", "60"))
PAGE_SHARED_MAX_AGE = int(os.environ.get("PAGE_SHARED_MAX_AGE", "3600"))
# While one worker renders a stale page, the others serve the old copy for up to this
# long (and a CDN may too: stale-while-revalidate); if rendering fails, the last good
# copy is served for up to PAGE_STALE_IF_ERROR (stale-if-error).
PAGE_STALE_SECONDS = int(os.environ.get("PAGE_STALE_SECONDS", "10"))
PAGE_STALE_IF_ERROR = int(os.environ.get("PAGE_STALE_IF_ERROR", str(24 * 60 * 60)))
# The release that renders pages (a version or commit a deploy sets); by default the
# digest of the static files' manifest. Pages of another release are rendered again,
# and the CDN's copies purged once, so no cached page links to a file the deploy removed.
PAGE_CACHE_RELEASE = os.environ.get("PAGE_CACHE_RELEASE", "")

# The CDN in front of the site, told which pages to drop when their content changes
# (newsroom/cdn.py): "" (none), "varnish" (the VCL in deploy/varnish/), "fastly" or
# "cloudflare". A purge the CDN does not take waits in the outbox for `send_purges`.
CDN_PURGE_BACKEND = os.environ.get("CDN_PURGE_BACKEND", "").strip().lower()
if CDN_PURGE_BACKEND not in {"", "varnish", "fastly", "cloudflare"}:
    raise ImproperlyConfigured(
        f"CDN_PURGE_BACKEND: {CDN_PURGE_BACKEND!r} is not one of varnish, fastly, cloudflare "
        "(or empty for none)."
    )
# Varnish: where PURGE requests go (one Varnish; its VCL allows only listed addresses).
CDN_PURGE_URL = os.environ.get("CDN_PURGE_URL", "http://127.0.0.1:6081/")
# Mark pages stale instead of dropping them (Varnish and Fastly): readers get the old
# page once while the new one is fetched.
CDN_SOFT_PURGE = env_bool("CDN_SOFT_PURGE", False)
# Seconds a purge request may take before it is given up and kept for a retry.
CDN_PURGE_TIMEOUT = float(os.environ.get("CDN_PURGE_TIMEOUT", "2"))
# Send purges from a thread after the commit, so a save never waits for the CDN
# (tests turn this off to send them in the committing thread).
CDN_PURGE_IN_BACKGROUND = True
# Workers remember when keys last changed for up to a second (newsroom/pagecache.py,
# LOCAL_SECONDS): a purge sent sooner could let the CDN fetch the old copy again from a
# worker that has not yet seen the change, and keep it for s-maxage.
CDN_PURGE_DELAY = float(os.environ.get("CDN_PURGE_DELAY", "1.5"))
FASTLY_API_URL = os.environ.get("FASTLY_API_URL", "https://api.fastly.com")
FASTLY_SERVICE_ID = os.environ.get("FASTLY_SERVICE_ID", "")
FASTLY_API_TOKEN = os.environ.get("FASTLY_API_TOKEN", "")
CLOUDFLARE_API_URL = os.environ.get("CLOUDFLARE_API_URL", "https://api.cloudflare.com/client/v4")
CLOUDFLARE_ZONE_ID = os.environ.get("CLOUDFLARE_ZONE_ID", "")
CLOUDFLARE_API_TOKEN = os.environ.get("CLOUDFLARE_API_TOKEN", "")
_cdn_needs = {
    "varnish": ["CDN_PURGE_URL"],
    "fastly": ["FASTLY_API_URL", "FASTLY_SERVICE_ID", "FASTLY_API_TOKEN"],
    "cloudflare": ["CLOUDFLARE_API_URL", "CLOUDFLARE_ZONE_ID", "CLOUDFLARE_API_TOKEN"],
}.get(CDN_PURGE_BACKEND, [])
for _name in _cdn_needs:
    if not globals()[_name]:
        raise ImproperlyConfigured(f"CDN_PURGE_BACKEND={CDN_PURGE_BACKEND} needs {_name}.")
    if _name.endswith("_URL") and urlsplit(globals()[_name]).scheme not in {"http", "https"}:
        raise ImproperlyConfigured(f"{_name}: {globals()[_name]!r} is not an http(s) address.")

# The number of proxies of our own (load balancer, CDN) in front of the app, each
# appending the address it saw to X-Forwarded-For. 0: the client's address is
# REMOTE_ADDR and X-Forwarded-For, which anyone can write, is ignored.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))


def env_rate(name: str, default: str) -> tuple[int, int]:
    """A rate limit written "hits/seconds" (e.g. "10/600"); 0 hits turns it off."""
    hits, _, seconds = os.environ.get(name, default).partition("/")
    return int(hits), max(1, int(seconds or 60))


# Reader comments (comments/): the network-level defences. The word lists, link limit,
# trust and closing rules are edited in the admin ("Comment rules").
COMMENTS_RATE_LIMITS = {
    "address": env_rate("COMMENTS_RATE_PER_ADDRESS", "10/600"),  # posts per client address
    "email": env_rate("COMMENTS_RATE_PER_EMAIL", "5/600"),  # posts per email address
    "report": env_rate("COMMENTS_RATE_REPORTS", "30/3600"),  # reports per client address
}
# A form sent sooner than this after the reader started writing is a bot's (kept as spam).
COMMENTS_MIN_SECONDS = int(os.environ.get("COMMENTS_MIN_SECONDS", "3"))
# A form older than this asks the reader to send it again (the text is kept).
COMMENTS_FORM_MAX_AGE = int(os.environ.get("COMMENTS_FORM_MAX_AGE", str(2 * 24 * 60 * 60)))
COMMENTS_MAX_LENGTH = int(os.environ.get("COMMENTS_MAX_LENGTH", "3000"))
# A story's thread comes this many top-level comments (with their replies) to a page,
# oldest or newest first by default; readers may switch the order.
COMMENTS_PAGE_SIZE = max(1, int(os.environ.get("COMMENTS_PAGE_SIZE", "50")))
COMMENTS_ORDER = os.environ.get("COMMENTS_ORDER", "oldest")
if COMMENTS_ORDER not in ("oldest", "newest"):
    raise ImproperlyConfigured("COMMENTS_ORDER must be 'oldest' or 'newest'.")

# Live coverage (articles/live.py). Readers' pages ask for new updates this often; the
# answer carries the interval, so raising it slows every open page down under load.
LIVE_POLL_SECONDS = max(5, int(os.environ.get("LIVE_POLL_SECONDS", "15")))
# The desk shows colleagues' new updates this often (staff only, never cached).
LIVE_DESK_POLL_SECONDS = max(2, int(os.environ.get("LIVE_DESK_POLL_SECONDS", "5")))
# A live story shows this many updates to a page.
LIVE_UPDATES_PER_PAGE = max(1, int(os.environ.get("LIVE_UPDATES_PER_PAGE", "20")))

AUTHENTICATION_BACKENDS = [
    # Axes first, so a locked-out client is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-axes: lock a username+address pair out of the admin after repeated failures.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"

# Thai at the plain addresses, English under /en/ (newsroom/languages.py). The cookie
# is the desk's own choice of language, and never changes a public page.
LANGUAGE_CODE = "th"
LANGUAGE_COOKIE_NAME = "newsroom_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGES = [("th", _("Thai")), ("en", _("English"))]
# The project's own text in locale/ (rewritten by `make messages`); the Thai for the text of
# Django's admin and the other packages the desk shows, which their own catalogues leave
# incomplete or get wrong, in locale_thirdparty/. Both come before every package's own.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_thirdparty"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Files browsers ask for at the site's root (favicon.ico), served by whitenoise.
WHITENOISE_ROOT = BASE_DIR / "public"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Serve MEDIA_ROOT from Django itself: on in development, and for a single-machine
# production run without a separate media server (`make run DEBUG=0`).
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploads: images only, checked before decoding (newsroom/images.py).
IMAGE_UPLOAD_MAX_BYTES = int(os.environ.get("IMAGE_UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
IMAGE_UPLOAD_MAX_PIXELS = int(os.environ.get("IMAGE_UPLOAD_MAX_PIXELS", str(40_000_000)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Security headers. HTTPS defaults to on in production; `make run DEBUG=0` turns it off
# to serve plain http on 127.0.0.1.
HTTPS = env_bool("HTTPS", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# CKEditor 5 reads the CSRF token from its cookie, so that cookie stays readable by script.
CSRF_COOKIE_HTTPONLY = False
if HTTPS:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
# Behind a TLS-terminating proxy, trust its X-Forwarded-Proto only when told to.
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy: no inline script or style anywhere. The one exception, inline
# styles on the article editor pages that CKEditor 5 injects, is added per view
# (articles/admin.py), not here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    },
}

# Stories may show pictures still on an imported blog's image host (imports/media.py:
# they stay there unless --media-dir moves them into the library) and the video
# players the sanitizer lets through (newsroom/sanitize.py, VIDEO_EMBED_HOSTS); without
# these the policy would blank both. Only https, only these hosts.
EXTERNAL_IMAGE_ORIGINS = env_list(
    "EXTERNAL_IMAGE_ORIGINS",
    "https://blogger.googleusercontent.com,https://*.bp.blogspot.com",
)
CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] += EXTERNAL_IMAGE_ORIGINS
CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"] = [
    "'self'",
    *(f"https://{host}" for host in VIDEO_EMBED_HOSTS),
]

# A third-party ad network is switched on here, by whoever runs the site, and never by
# pasting script into the admin: base.html then loads AD_NETWORK_SCRIPT_URL as an
# external, async script. The network serves script, pictures and frames and makes
# requests from its own origins, so those (the script's own, plus AD_NETWORK_ORIGINS)
# join the policy; 'unsafe-inline' never does.
AD_NETWORK_SCRIPT_URL = os.environ.get("AD_NETWORK_SCRIPT_URL", "")
AD_NETWORK_ORIGINS = env_list("AD_NETWORK_ORIGINS")


def _csp_origin(address: str, variable: str) -> str:
    parts = urlsplit(address)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ImproperlyConfigured(f"{variable}: {address!r} is not an http(s) address.")
    return f"{parts.scheme}://{parts.netloc}"


if AD_NETWORK_SCRIPT_URL:
    _ad_origins = [_csp_origin(AD_NETWORK_SCRIPT_URL, "AD_NETWORK_SCRIPT_URL")]
    _ad_origins += [_csp_origin(origin, "AD_NETWORK_ORIGINS") for origin in AD_NETWORK_ORIGINS]
    for _directive in ("script-src", "img-src", "frame-src", "connect-src"):
        # frame-src is absent until now; without it frames fall back to default-src.
        _sources = CONTENT_SECURITY_POLICY["DIRECTIVES"].setdefault(_directive, ["'self'"])
        _sources += [origin for origin in dict.fromkeys(_ad_origins) if origin not in _sources]

# Rich text editor (admin only). Its toolbar and the nh3 allow-list in
# newsroom/sanitize.py describe the same set of tags: change them together.
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "editor-image-upload"
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "png", "gif", "webp"]
CKEDITOR_5_USER_LANGUAGE = True  # the editor speaks the admin user's language
CKEDITOR_5_CONFIGS = {
    "default": {
        "language": "th",
        "toolbar": {
            "items": [
                "heading",
                "|",
                "bold",
                "italic",
                "link",
                "|",
                "bulletedList",
                "numberedList",
                "blockQuote",
                "|",
                "insertImage",
                "mediaEmbed",
                "insertTable",
                "|",
                "undo",
                "redo",
            ],
        },
        "heading": {
            "options": [
                {"model": "paragraph", "title": "Paragraph", "class": "ck-heading_paragraph"},
                {
                    "model": "heading2",
                    "view": "h2",
                    "title": "Heading 2",
                    "class": "ck-heading_heading2",
                },
                {
                    "model": "heading3",
                    "view": "h3",
                    "title": "Heading 3",
                    "class": "ck-heading_heading3",
                },
            ]
        },
        "image": {
            "toolbar": ["imageTextAlternative", "|", "toggleImageCaption"],
        },
        "table": {"contentToolbar": ["tableColumn", "tableRow", "mergeTableCells"]},
        "mediaEmbed": {"previewsInData": True},
        # Its count splits at spaces, wrong for Thai; articles/static/articles/word_count.js
        # shows the story's count instead.
        "removePlugins": ["WordCount"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line_warning": {"()": "newsroom.log_filters.OneLineWarning"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "one_line": {"class": "logging.StreamHandler", "filters": ["one_line_warning"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Every refused login attempt is already shown in the admin; keep logs quiet.
        "axes": {"level": "WARNING"},
        # Scanners send other hosts' names all day: one line each, no traceback, and
        # not passed on to the "django" logger's handlers (no e-mail to the admins).
        "django.security.DisallowedHost": {"handlers": ["one_line"], "propagate": False},
    },
}
