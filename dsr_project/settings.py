"""Settings of the royalty data platform, from the environment (see .env.example)."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from dsr_project.env import env_bool, env_int, env_list, env_path, env_str

BASE_DIR = Path(__file__).resolve().parent.parent


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = env_str("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off "
            "(set DJANGO_DEBUG=1 for local development, see .env.example)"
        )
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "dsrs",
    "works",
    "plays",
    "playlists",
    "recordings",
    # After plays: its post_migrate handler gives the submitters group
    # plays.add_playcountjob, which must exist by then.
    "accounts",
]

MIDDLEWARE = [
    "dsr_project.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "dsr_project.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The site's own pages (dsr_project/pages.py, docs.py).
        "DIRS": [BASE_DIR / "dsr_project" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "dsr_project.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compilation costs more than it saves on these queries.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the API read while an import writes; NORMAL sync is durable
    # across application crashes, and a larger cache speeds up bulk loads.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-16384;"
    )
    # gunicorn's threads write at once: a transaction that takes the write
    # lock first waits for it (up to the timeout), where one that read first
    # would fail at once with "database is locked".
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_VALIDATION = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATION}.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# One date and number format on every page: dsr_project/formats/en/formats.py.
FORMAT_MODULE_PATH = ["dsr_project.formats"]

MEDIA_URL = "media/"
MEDIA_ROOT = env_path("DJANGO_MEDIA_ROOT", BASE_DIR / "media")

STATIC_URL = "static/"
STATIC_ROOT = env_path("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles")
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

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]
    + (["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
    # A token for programs, the session for the browsable API and the admin;
    # the token scheme first, so an anonymous client gets 401 (not 403).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["common.permissions.ReadPublicWriteModel"],
    "DEFAULT_THROTTLE_CLASSES": [
        "common.throttling.AnonThrottle",
        "common.throttling.UserThrottle",
    ],
    # Anonymous clients are counted by address: REMOTE_ADDR, or behind this
    # many proxies the address they put in X-Forwarded-For (0: the header,
    # which a client may forge, is ignored).
    "NUM_PROXIES": env_int("API_NUM_PROXIES", 0),
    # None: that kind of client is not throttled.
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("API_THROTTLE_ANON", "") or None,
        "user": env_str("API_THROTTLE_USER", "") or None,
    },
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "common.api.exception_handler",
    # A list endpoint declares its query parameters as a FilterSet
    # (filterset_class) and pages with limit/offset unless it says otherwise.
    "DEFAULT_FILTER_BACKENDS": ["common.api.filters.FilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "common.api.pagination.ListPagination",
    "DEFAULT_PARSER_CLASSES": [
        "common.api.parsers.DepthLimitedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Royalty data platform API",
    "DESCRIPTION": (
        "DSRs and revenue percentiles, musical works, play-count jobs and "
        "playlists: one API for the four apps."
    ),
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["dsr_project.schema.paths_spell_as_documented"],
    "VERSION": "0.1.0",
    # Swagger UI and ReDoc from the project's static files, pinned by the lock.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "LICENSE": {
        "name": "Apache 2.0",
        "url": "http://www.apache.org/licenses/LICENSE-2.0.html",
    },
}

# Celery: RabbitMQ when CELERY_BROKER_URL is set. Without a broker (make run,
# the unit tests) tasks run eagerly in the calling process. The job row is the
# source of truth, so there is no result backend; acks_late redelivers the job
# of a worker killed mid-task, and prefetch 1 keeps long jobs from queueing
# behind each other on one worker.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "celery")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A job already uses every core (DuckDB threads): one at a time per worker.
CELERY_WORKER_CONCURRENCY = env_int("CELERY_WORKER_CONCURRENCY", 1)
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# Play-count jobs: DuckDB's memory ceiling and threads per job (threads unset:
# one per core), and where it spills (unset: MEDIA_ROOT/plays/work).
PLAYS_MEMORY_LIMIT = env_str("PLAYS_MEMORY_LIMIT", "512MB")
PLAYS_THREADS = env_int("PLAYS_THREADS", 0) or None
# Rows one aggregation pass may hold: 10M (8.5M groups) fit in 512MB here.
PLAYS_ROWS_PER_PASS = env_int("PLAYS_ROWS_PER_PASS", 10_000_000)
PLAYS_WORK_DIR = env_path("PLAYS_WORK_DIR", MEDIA_ROOT / "plays" / "work")
# An upload larger than this is cut into parts of about this size, which any
# workers sharing MEDIA_ROOT total at once; up to it (or with 0), one task.
PLAYS_PART_BYTES = env_int("PLAYS_PART_BYTES", 4 * 2**30)
# The largest play log one anonymous upload may store (default 20 GiB), and
# how long finished jobs keep their upload and result (prune_play_jobs).
PLAYS_MAX_UPLOAD_BYTES = env_int("PLAYS_MAX_UPLOAD_BYTES", 20 * 2**30)
PLAYS_RETENTION_DAYS = env_int("PLAYS_RETENTION_DAYS", 30)
# Per user: the bytes of the uploads they keep stored (a failed job's upload is
# deleted) and the jobs they may have queued or running; past either, 429.
PLAYS_USER_QUOTA_BYTES = env_int("PLAYS_USER_QUOTA_BYTES", 50 * 2**30)
PLAYS_USER_MAX_ACTIVE_JOBS = env_int("PLAYS_USER_MAX_ACTIVE_JOBS", 4)
# Uploads are written here as they arrive (unset: the system's temporary
# directory); prune_play_jobs removes what a killed request left behind. On
# MEDIA_ROOT's file system, storing an upload is a rename, not a copy.
FILE_UPLOAD_TEMP_DIR = env_str("DJANGO_FILE_UPLOAD_TEMP_DIR", "") or None
# prune_play_jobs runs daily when a beat runs (celery -A dsr_project beat);
# the per-ISRC fold every ten minutes, for a fold a dead worker left undone.
CELERY_BEAT_SCHEDULE = {
    "prune-play-jobs": {
        "task": "plays.tasks.play_count_job_prune",
        "schedule": 24 * 60 * 60,
    },
    "fold-isrc-sums": {
        "task": "dsrs.tasks.isrc_sums_fold_pending",
        "schedule": 10 * 60,
    },
}

# Who may read: every GET (and POST /works/enrich, which changes nothing) is
# public unless API_ANONYMOUS_READ is off; writes always need a user with the
# model permission.
API_ANONYMOUS_READ = env_bool("API_ANONYMOUS_READ", True)

# The throttles count in this cache: shared by the threads of one gunicorn
# process, not across processes (see docs/deploy.md).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Behind a TLS-terminating proxy; /health stays plain HTTP for container probes.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
# Cookies travel over HTTPS only when the site is served over HTTPS.
SESSION_COOKIE_SECURE = SECURE_SSL_REDIRECT
CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "dsr_project.logging.JsonLineFormatter"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {
        "handlers": ["stdout"],
        "level": env_str("DJANGO_LOG_LEVEL", "INFO"),
    },
    # Django's own console handler (on with DEBUG) would print each of its
    # lines a second time, in plain text, before the root's JSON line.
    "loggers": {"django": {"handlers": [], "level": "INFO", "propagate": True}},
}

# DSR import limits: a line or field over them is a row error, the file goes
# on; stored and printed error texts are cut to DSRS_ERROR_MAX_CHARS.
DSRS_MAX_LINE_BYTES = env_int("DSRS_MAX_LINE_BYTES", 1_048_576)
DSRS_MAX_FIELD_CHARS = env_int("DSRS_MAX_FIELD_CHARS", 4096)
DSRS_ERROR_MAX_CHARS = env_int("DSRS_ERROR_MAX_CHARS", 2000)
# PostgreSQL casts a DSR's lines in SQL and parses only the rest in Python;
# off, the Python parser reads every line (the SQLite way).
DSRS_IMPORT_CAST_IN_SQL = env_bool("DSRS_IMPORT_CAST_IN_SQL", True)
# PostgreSQL renders the percentile answer's JSON and applies its cut
# (dsrs.storage.postgresql.answer_json); off, Python renders the rows.
DSRS_PERCENTILE_JSON_IN_SQL = env_bool("DSRS_PERCENTILE_JSON_IN_SQL", True)

# Hostile-input limits (issue 25): past one, a record is set aside with its
# line and reason, or a request is a 400; docs/architecture.md lists them.
API_MAX_JSON_DEPTH = env_int("API_MAX_JSON_DEPTH", 64)
# A crawl record nested deeper or larger (characters of its strings, plus 8
# per other value) is a dead letter, skipped without being built.
PLAYLISTS_MAX_RECORD_DEPTH = env_int("PLAYLISTS_MAX_RECORD_DEPTH", 32)
PLAYLISTS_MAX_RECORD_CHARS = env_int("PLAYLISTS_MAX_RECORD_CHARS", 1_048_576)
# match_videos decides in this many processes (forked, sharing the catalogue)
# once a run has more than one batch of videos; 1 keeps it in one process.
PLAYLISTS_MATCH_PROCESSES = env_int("PLAYLISTS_MATCH_PROCESSES", os.cpu_count() or 1)
# import_playlists reads a crawl file larger than this (bytes) in parts, in
# this many forked processes; 1 reads the parts in the importing process.
PLAYLISTS_IMPORT_PART_BYTES = env_int("PLAYLISTS_IMPORT_PART_BYTES", 32 * 2**20)
PLAYLISTS_IMPORT_PROCESSES = env_int("PLAYLISTS_IMPORT_PROCESSES", os.cpu_count() or 1)
# A works CSV line or field longer than these (characters) is a rejected row,
# read past without being kept; the file goes on.
WORKS_MAX_LINE_CHARS = env_int("WORKS_MAX_LINE_CHARS", 1_048_576)
WORKS_MAX_FIELD_CHARS = env_int("WORKS_MAX_FIELD_CHARS", 131_072)
# Worker processes that build a works CSV's rows while the import reads the
# file and stages them (1: all in the importing process).
WORKS_PARSE_PROCESSES = env_int("WORKS_PARSE_PROCESSES", os.cpu_count() or 1)
# A play file with a longer line (bytes, or a quoted record spanning lines)
# fails naming that line; DuckDB mishandles lines longer than its buffer.
PLAYS_MAX_LINE_BYTES = env_int("PLAYS_MAX_LINE_BYTES", 1_048_576)
