"""Django settings for devzone, read from the environment with safe defaults.

DEVZONE_VAR_DIR        where the database, secret key and uploads live (default ./var)
DEVZONE_DATABASE_URL   sqlite:///path or postgresql://user:pass@host:port/db
DEVZONE_DEBUG          true/false (default false)
DEVZONE_ALLOWED_HOSTS  comma-separated (default 127.0.0.1,localhost)
DEVZONE_SESSION_IDLE_MINUTES  idle session timeout (default 30)
DEVZONE_LOCKOUT_FAILURES      failed logins before a lockout (default 5)
DEVZONE_EXPENSIVE_CONCURRENCY  recomputations (复核, 复算) at once per server process (default 1)
DEVZONE_EXPENSIVE_PER_MINUTE   recomputations one person or one address may start a minute (default 6)
DEVZONE_API_PER_MINUTE         API requests one token/user or one address may make a minute (default 600)
DEVZONE_JOBS_INLINE    true: imports run inside the upload request instead of a background thread (tests)
DEVZONE_LOCKOUT_MINUTES       how long a lockout lasts (default 30)
DEVZONE_LOCKOUT_ADDRESS_FAILURES  failed logins from one address, any usernames, before it locks (default 30)
DEVZONE_PASSWORD_HASH_CONCURRENCY password hashes at once per process (default 2; ~100 MiB each)
DEVZONE_PASSWORD_MAX_AGE_DAYS  days before a password must be changed (default 0: never; 等保 suggests 90)
DEVZONE_PASSWORD_HISTORY       earlier passwords that may not be reused (default 5; 0: off)
DEVZONE_TOTP_REQUIRED_FOR_ADMINS  true: administrators must sign in with a one-time code (default false)
DEVZONE_HTTPS          true when served behind HTTPS (secure cookies, HSTS, http:// redirected to https://)
DEVZONE_HSTS_SECONDS   how long browsers keep to HTTPS once told (default one year; with DEVZONE_HTTPS)
DEVZONE_PROXY          true behind a reverse proxy: trust its X-Forwarded-Proto/-For (default false)
DEVZONE_PROXY_ADDRESSES  the proxy's addresses, comma-separated (default 127.0.0.1,::1); others are not trusted
DEVZONE_TLS_CERT / DEVZONE_TLS_KEY  PEM files: `devzone serve` speaks HTTPS itself (same as --cert/--key)

Notices (通知) reach people in the site always; e-mail and the group robot only when set (off by default):
DEVZONE_SITE_URL       the site's address for links in e-mails and robot messages (https://devzone.example.cn)
DEVZONE_SMTP_HOST      mail server; empty: no e-mail
DEVZONE_SMTP_PORT      (default 25)
DEVZONE_SMTP_USER / DEVZONE_SMTP_PASSWORD   sign-in, when the server asks for one
DEVZONE_SMTP_FROM      sender address (required with a host)
DEVZONE_SMTP_TLS       off, starttls or ssl (default off)
DEVZONE_WEBHOOK_URL    group robot address (企业微信 or 钉钉); empty: no robot messages
DEVZONE_WEBHOOK_FORMAT wecom or dingtalk (default wecom)
DEVZONE_WEBHOOK_SECRET 钉钉 加签 secret (SEC…), when the robot signs
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from devzone.core.env import SettingError, env_bool, env_choice, env_int, env_list, secret_key

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("DEVZONE_VAR_DIR", Path.cwd() / "var")).resolve()

DEBUG = env_bool("DEVZONE_DEBUG", default=False)
SECRET_KEY = secret_key(VAR_DIR)
ALLOWED_HOSTS = env_list("DEVZONE_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("DEVZONE_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "ninja",
    "devzone.core",
    "devzone.audit",
    "devzone.orgs",
    "devzone.accounts",
    "devzone.plans",
    "devzone.assessment",
    "devzone.indicators",
    "devzone.enterprises",
    "devzone.projects",
    "devzone.pools",
    "devzone.land",
    "devzone.notices",
    "devzone.demo",  # a root: its command builds every slice's demo, so it sits above them all
]

MIDDLEWARE = [
    # First: the scheme and client address every later middleware sees come from here.
    "devzone.core.proxy.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "devzone.core.language.ChosenLanguageMiddleware",  # Chinese unless the user chose (not the browser)
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "devzone.accounts.middleware.IdleTimeoutMiddleware",
    "devzone.accounts.middleware.PasswordPolicyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "devzone.core.middleware.SecurityHeadersMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "devzone.urls"
WSGI_APPLICATION = "devzone.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "devzone.accounts.context.site",
            ],
        },
    },
]


def _database() -> dict[str, object]:
    default_url = f"sqlite:///{VAR_DIR / 'devzone.sqlite3'}"
    config: dict[str, object] = dict(
        dj_database_url.parse(os.environ.get("DEVZONE_DATABASE_URL", default_url), conn_max_age=60)
    )
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers go on while one writer commits; IMMEDIATE avoids
        # "database is locked" on upgrade from read to write under the threaded server.
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
        config["CONN_MAX_AGE"] = 0
        Path(str(config["NAME"])).parent.mkdir(parents=True, exist_ok=True)
    return config


DATABASES = {"default": _database()}
CACHES = {
    # Django's default (rate-limit windows, core/throttle.py)
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
    # Per-scope snapshots keyed by generation tokens (plans/snapshot.py): a token, not the timeout,
    # says when one is stale; the timeout bounds a change made around the actions (a shell).
    "snapshots": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "snapshots",
        "TIMEOUT": 600,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "devzone.accounts.hashers.BoundedArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "devzone.accounts.passwords.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "devzone.accounts.passwords.PasswordHistoryValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# 等保2.0: lock an account after repeated failures, expire idle sessions.
AXES_FAILURE_LIMIT = env_int("DEVZONE_LOCKOUT_FAILURES", default=5, minimum=1)
DEVZONE_EXPENSIVE_CONCURRENCY = env_int("DEVZONE_EXPENSIVE_CONCURRENCY", default=1, minimum=1)
DEVZONE_EXPENSIVE_PER_MINUTE = env_int("DEVZONE_EXPENSIVE_PER_MINUTE", default=6, minimum=1)
DEVZONE_API_PER_MINUTE = env_int("DEVZONE_API_PER_MINUTE", default=600, minimum=1)
DEVZONE_JOBS_INLINE = env_bool("DEVZONE_JOBS_INLINE", default=False)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DEVZONE_LOCKOUT_MINUTES", default=30, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username"]
# The account locks at AXES_FAILURE_LIMIT; the address has its own, higher limit (accounts/lockout.py),
# so a bureau behind one NAT address does not lock out its colleagues with one mistyped password.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_HANDLER = "devzone.accounts.lockout.SignInHandler"
DEVZONE_LOCKOUT_ADDRESS_FAILURES = env_int("DEVZONE_LOCKOUT_ADDRESS_FAILURES", default=30, minimum=1)
# A lock runs from the failure that set it; attempts during it neither count nor extend it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
DEVZONE_PASSWORD_HASH_CONCURRENCY = env_int("DEVZONE_PASSWORD_HASH_CONCURRENCY", default=2, minimum=1)
DEVZONE_PASSWORD_MAX_AGE_DAYS = env_int("DEVZONE_PASSWORD_MAX_AGE_DAYS", default=0, minimum=0)
DEVZONE_PASSWORD_HISTORY = env_int("DEVZONE_PASSWORD_HISTORY", default=5, minimum=0)
DEVZONE_TOTP_REQUIRED_FOR_ADMINS = env_bool("DEVZONE_TOTP_REQUIRED_FOR_ADMINS", default=False)
SESSION_IDLE_SECONDS = 60 * env_int("DEVZONE_SESSION_IDLE_MINUTES", default=30, minimum=1)
# 等保2.0: audit entries are kept this long; `devzone audit purge` exports, then deletes older ones.
DEVZONE_AUDIT_RETENTION_DAYS = env_int("DEVZONE_AUDIT_RETENTION_DAYS", default=180, minimum=1)

# Notices: the channels outside the site, off unless configured (see the top of this file).
DEVZONE_SITE_URL = os.environ.get("DEVZONE_SITE_URL", "").strip().rstrip("/")
DEVZONE_SMTP_HOST = os.environ.get("DEVZONE_SMTP_HOST", "").strip()
DEVZONE_SMTP_PORT = env_int("DEVZONE_SMTP_PORT", default=25, minimum=1)
DEVZONE_SMTP_USER = os.environ.get("DEVZONE_SMTP_USER", "")
DEVZONE_SMTP_PASSWORD = os.environ.get("DEVZONE_SMTP_PASSWORD", "")
DEVZONE_SMTP_FROM = os.environ.get("DEVZONE_SMTP_FROM", "").strip()
DEVZONE_SMTP_TLS = env_choice("DEVZONE_SMTP_TLS", choices=("off", "starttls", "ssl"), default="off")
DEVZONE_WEBHOOK_URL = os.environ.get("DEVZONE_WEBHOOK_URL", "").strip()
DEVZONE_WEBHOOK_FORMAT = env_choice("DEVZONE_WEBHOOK_FORMAT", choices=("wecom", "dingtalk"), default="wecom")
DEVZONE_WEBHOOK_SECRET = os.environ.get("DEVZONE_WEBHOOK_SECRET", "").strip()
if DEVZONE_SMTP_HOST and "@" not in DEVZONE_SMTP_FROM:
    raise SettingError(
        f"DEVZONE_SMTP_FROM={DEVZONE_SMTP_FROM!r}: a sender address is required with DEVZONE_SMTP_HOST"
    )
if DEVZONE_WEBHOOK_URL and not DEVZONE_WEBHOOK_URL.startswith(("https://", "http://")):
    raise SettingError(f"DEVZONE_WEBHOOK_URL={DEVZONE_WEBHOOK_URL!r}: expected an http(s) address")
SESSION_COOKIE_AGE = 60 * 60 * 12
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
HTTPS = env_bool("DEVZONE_HTTPS", default=False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("DEVZONE_HSTS_SECONDS", default=31536000, minimum=0) if HTTPS else 0
SECURE_SSL_REDIRECT = HTTPS
PROXY = env_bool("DEVZONE_PROXY", default=False)
PROXY_ADDRESSES = frozenset(
    env_list("DEVZONE_PROXY_ADDRESSES", default=["127.0.0.1", "::1"]) if PROXY else []
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = os.environ.get("DEVZONE_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Tests and a fresh checkout serve straight from the app folders; `collectstatic` is for the server.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
if env_bool("DEVZONE_TESTING", default=False):
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

NINJA_PAGINATION_PER_PAGE = 100

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DEVZONE_LOG_LEVEL", "WARNING")},
}
