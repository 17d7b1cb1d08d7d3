"""Settings shared by every environment. Secrets and hosts come from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp import constants as csp
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

INSTALLED_APPS = [
    "accounts",
    "organisations",
    "home",
    "courses",
    "events",
    "network",
    "quizzes",
    "certificates",
    "reports",
    "outbox",
    "wagtail.contrib.settings",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.KofoUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # First: a load balancer's probe of /healthz needs no host check, HTTPS redirect,
    # session or template (lms/health.py).
    "lms.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "lms.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lms.middleware.GermanFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a lockout into our German page (accounts.lockout).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
            # lms is the project package, no installed app: its tag library is named here.
            "libraries": {"lms_formats": "lms.templatetags.lms_formats"},
        },
    },
]

WSGI_APPLICATION = "lms.wsgi.application"

# --- Database (owner: io) -------------------------------------------------------------------
# SQLite is the zero-set-up default; DATABASE_URL (e.g. postgres://…) switches database.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
# SQLite as a real embedded database for a small site (Django 5.2, "SQLite notes"):
# - WAL lets readers go on while one connection writes; synchronous=NORMAL is the setting
#   SQLite recommends with WAL (durable across application crashes, fast commits).
# - BEGIN IMMEDIATE takes the write lock when a transaction starts, so a transaction that
#   reads and then writes waits for the lock instead of failing with "database is locked"
#   when it tries to upgrade its read lock (a deadlock SQLite cannot wait out).
# - timeout (seconds) is how long a writer waits for the lock before it gives up.
SQLITE_BUSY_TIMEOUT = int(os.environ.get("SQLITE_BUSY_TIMEOUT", "20"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": SQLITE_BUSY_TIMEOUT,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
# --- end Database ----------------------------------------------------------------------------
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# --- Authentication: lockout, client address (engineer "auth"; keep this block together) ---
# AxesStandaloneBackend first: every authenticate() call (site login, Wagtail's admin login)
# is refused while locked. Numbers and reasons: accounts/lockout.py, README "Anmeldeschutz".
# CachedPermissionsBackend: ModelBackend with each person's rights cached (accounts/backends.py).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.CachedPermissionsBackend",
]
AXES_HANDLER = "accounts.lockout.KofoAxesHandler"  # database: shared by all workers and hosts
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_FAILURE_LIMIT = 10  # failures per account and client address ...
KOFO_LOCKOUT_ACCOUNT_LIMIT = 50  # ... and per account from all addresses together
AXES_COOLOFF_TIME = timedelta(minutes=15)  # counted from the last failure
# A locked client's further tries do not extend the lock: the page can say when it ends.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = False  # accounts.lockout clears only the succeeding client's failures
AXES_USERNAME_CALLABLE = "accounts.lockout.lockout_username"
AXES_CLIENT_IP_CALLABLE = "lms.throttle.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_DISABLE_ACCESS_LOG = True  # data minimisation (DSGVO Art. 5): no log of every login
# Argon2id first (accounts/hashers.py: parameters and measurement); the others only verify
# old hashes, which Django upgrades to Argon2id at the person's next login.
PASSWORD_HASHERS = [
    "accounts.hashers.KofoArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# Number of our reverse proxies that append to X-Forwarded-For; 0 trusts none (REMOTE_ADDR).
KOFO_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# Wagtail's admin login refuses accounts without admin access (no session for learners).
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.forms.AdminLoginForm"
# --- end of the authentication block ---
# Sessions are read from the cache on every request (write-through to the database, so a
# cleared cache logs nobody out): one query less per request (issue 13).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Confirmation and reset links stay valid for three days.
PASSWORD_RESET_TIMEOUT = 3 * 24 * 60 * 60

# German first, English second.
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
# Apps keep their own catalogues (<app>/locale); the project templates use lms/locale.
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# "private": certificate PDFs and ZIP exports (certificates.storage), never served directly.
# Production puts "default" and "private" on S3-compatible storage when KOFO_S3_BUCKET is set.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "certificates.storage.PrivateStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- E-mail (owner: io) ----------------------------------------------------------------------
# No request waits for a mail server: every message is recorded (outbox.Mail) and sent by a
# task enqueued on commit, through the real backend below, with retries; failures are listed
# for the Administration under "Outgoing e-mail" in the admin. See outbox/backends.py.
EMAIL_BACKEND = "outbox.backends.QueuedEmailBackend"
KOFO_EMAIL_DELIVERY_BACKEND = os.environ.get(
    "KOFO_EMAIL_DELIVERY_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
# Seconds before an unresponsive SMTP server counts as a failed attempt (a worker, not a
# request, waits).
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "KoFo <kofo@localhost>")
# --- end E-mail ------------------------------------------------------------------------------

# --- DSGVO (owner: dsgvo) ----------------------------------------------------------------------
# Retention of what learners wrote in Lernkontrollen (essay and short text answers, and the
# feedback on them): `manage.py erase_expired_answers` (daily from cron, or the task
# quizzes.tasks.erase_expired_answers) replaces them by "[gelöscht]" once the attempt is older
# than this many years; scores stay. Unset or empty: kept (default off). Documented to
# learners on the Datenschutz page (home/templates/home/content_page.html).
_retention = os.environ.get("KOFO_ANSWER_RETENTION_YEARS", "").strip()
if _retention and not (_retention.isdigit() and int(_retention) >= 1):
    raise ValueError("KOFO_ANSWER_RETENTION_YEARS must be a whole number of years (>= 1).")
KOFO_ANSWER_RETENTION_YEARS = int(_retention) if _retention else None
# --- end DSGVO ---------------------------------------------------------------------------------

# Background work: one API (django-tasks, Django 6's django.tasks backport). Immediate in
# development and tests, the database backend plus `manage.py db_worker` in production.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

WAGTAIL_SITE_NAME = "KoFo – Kooperative Fortbildung"
# The one base URL for links that leave a request (mails, QR codes, printed links); see
# lms/urls_abs.py. Development default; production requires the variable.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("de", "Deutsch"), ("en", "English")]
# lms.search: Wagtail's database backend with search text that cannot break the query.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "lms.search"}}
if "postgresql" in DATABASES["default"]["ENGINE"]:
    # PostgreSQL's German text search (Snowball stemmer, German stop words): "Netzwerk"
    # finds "Netzwerke". SQLite FTS5 has no stemmer; the catalogue adds prefix and infix
    # matching on both (courses.catalogue.matching_courses). After a change: update_index.
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "german"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_DATE_FORMAT = "%d.%m.%Y"
# Wagtail's Draftail editor, but unreadable posted content is a field error (lms/richtext.py).
WAGTAILADMIN_RICH_TEXT_EDITORS = {"default": {"WIDGET": "lms.richtext.DraftailRichTextArea"}}
WAGTAIL_DATETIME_FORMAT = "%d.%m.%Y %H:%M"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Dates as 22.11.2026 (lms/formats/<language>/formats.py).
FORMAT_MODULE_PATH = ["lms.formats"]

# The quiz engine asks this policy who may take a quiz (only learners enrolled in a course
# whose module uses it) and where "back" leads.
QUIZZES_ACCESS_POLICY = "courses.quiz_access.CourseQuizAccessPolicy"

# --- Security headers ---------------------------------------------------------------------
# Content-Security-Policy (django-csp). The learner site runs no inline script at all: every
# script is a static file (quizzes/quiz.js, courses/video.js, Wagtail's userbar). Inline
# ``style=`` attributes remain for progress bars and charts (a width computed per row), so
# only attributes may be inline (``style-src-attr``), never a <style> element. Videos are
# embedded only after a click (courses/video.js); their players are the only frames allowed.
# Nothing is loaded from another host: no CDN, no web fonts, no avatars (gravatar off below).
VIDEO_FRAME_SOURCES = [
    "https://www.youtube-nocookie.com",
    "https://www.youtube.com",
    "https://player.vimeo.com",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "script-src": [csp.SELF],
        "style-src": [csp.SELF],
        "style-src-attr": [csp.UNSAFE_INLINE],
        "img-src": [csp.SELF, "data:"],
        "font-src": [csp.SELF],
        "connect-src": [csp.SELF],
        "media-src": [csp.SELF],
        "frame-src": [csp.SELF, *VIDEO_FRAME_SOURCES],
        "frame-ancestors": [csp.SELF],  # Wagtail's preview shows our pages in its editor
        "object-src": [csp.NONE],
        "base-uri": [csp.SELF],
        "form-action": [csp.SELF],
    }
}
# The Wagtail admin (/verwaltung/, lms.middleware) still needs inline scripts and styles
# (Wagtail 8 is not yet fully CSP-clean: wagtail/wagtail#7053), and blob: images for uploads.
# Everything else stays as tight as on the learner site.
KOFO_ADMIN_CSP_REPLACE = {
    "script-src": [csp.SELF, csp.UNSAFE_INLINE],
    "style-src": [csp.SELF, csp.UNSAFE_INLINE],
    "style-src-attr": None,
    "img-src": [csp.SELF, "data:", "blob:"],
}
# Permissions-Policy (django-permissions-policy): no page needs a device or payment feature.
# Fullscreen stays allowed for the embedded video players.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "ambient-light-sensor": [],
    "autoplay": [],
    "bluetooth": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "fullscreen": ["self", *VIDEO_FRAME_SOURCES],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "idle-detection": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "publickey-credentials-get": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}
# Wagtail shows staff avatars from gravatar.com by default: that would send a hash of every
# staff e-mail address to a third country (DSGVO Art. 44). Initials instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
