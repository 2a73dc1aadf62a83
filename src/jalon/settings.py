"""Django settings. Only JALON_* environment variables change them (see jalon.config)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

from jalon import config
from jalon.clock import SITE_TIME_ZONE

CONFIG = config.load()
BASE_DIR = Path(__file__).resolve().parent
JALON_HOME = CONFIG.home

SECRET_KEY = CONFIG.secret_key
DEBUG = CONFIG.debug
ALLOWED_HOSTS = CONFIG.allowed_hosts

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "axes",
    "jalon",
    "jalon.accounts",
    "jalon.workspaces",
    "jalon.history",
    "jalon.strategy",
    "jalon.planning",
    "jalon.jobs",
    "jalon.reports",
    "jalon.framing",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "jalon.headers.CompressTextMiddleware",  # above every middleware that reads or writes the body
    "jalon.headers.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "jalon.headers.NoStoreMiddleware",  # below WhiteNoise: the static files keep their cache headers
    "django.contrib.sessions.middleware.SessionMiddleware",
    "jalon.accounts.middleware.UserLanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "jalon.upload_limits.UploadLimitMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "jalon.accounts.middleware.ActivateUserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "jalon.accounts.middleware.SessionEndedMiddleware",  # below MessageMiddleware: its message is kept
    "jalon.form_addresses.FormAddressMiddleware",
    "jalon.strategy.middleware.ArchivedRoadmapMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "jalon.urls"
WSGI_APPLICATION = "jalon.wsgi.application"

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
            ],
        },
    }
]

DATABASES = {"default": CONFIG.database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Who may create an account after the first one (jalon.config.SIGNUP_MODES), and how e-mail leaves.
JALON_SIGNUP = CONFIG.signup
# What a KPI source's query may use, in its own child process (jalon.strategy.kpis.source_process).
JALON_SOURCE_MEMORY_MB = CONFIG.source_memory_mb
JALON_SOURCE_SECONDS = CONFIG.source_seconds
EMAIL_BACKEND = CONFIG.email["EMAIL_BACKEND"]
DEFAULT_FROM_EMAIL = SERVER_EMAIL = CONFIG.email.get("DEFAULT_FROM_EMAIL", "jalon@localhost")
EMAIL_HOST = CONFIG.email.get("EMAIL_HOST", "localhost")
EMAIL_PORT = CONFIG.email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = CONFIG.email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = CONFIG.email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_SSL = CONFIG.email.get("EMAIL_USE_SSL", False)
EMAIL_USE_TLS = CONFIG.email.get("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = CONFIG.email.get("EMAIL_TIMEOUT")
INVITATION_DAYS = 7

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = CONFIG.language
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English dates day first, one style (src/jalon/formats/en/formats.py); French keeps Django's.
FORMAT_MODULE_PATH = ["jalon.formats"]
LANGUAGE_COOKIE_NAME = "jalon_language"
TIME_ZONE = SITE_TIME_ZONE  # jalon.clock: the command line counts its days there too
USE_I18N = True
FORM_RENDERER = "jalon.forms.FormRenderer"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = JALON_HOME / "static"
MEDIA_ROOT = JALON_HOME / "uploads"
# Each upload page's limit is enforced while the file streams in, before Django's handlers keep it
# (jalon.upload_limits); the limits themselves are in docs/operations.md.
FILE_UPLOAD_HANDLERS = [
    "jalon.upload_limits.PageLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# JALON_HTTPS=true: browsers reach Jalon over HTTPS only (docs/operations.md).
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = CONFIG.https
SECURE_SSL_REDIRECT = CONFIG.https
SECURE_HSTS_SECONDS = 31_536_000 if CONFIG.https else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = CONFIG.https
SECURE_HSTS_PRELOAD = False
# Asking browsers to preload HSTS for a whole domain is the domain owner's decision, not the application's
# (it cannot be undone quickly): Django's reminder about it is silenced, the header stays without it.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the load balancer's health check may speak plain HTTP
# Whether a request came over HTTPS is decided by `jalon serve` (gunicorn), which believes
# X-Forwarded-Proto only from the addresses in JALON_TRUSTED_PROXY.
JALON_TRUSTED_PROXIES = CONFIG.trusted_proxies

# No inline script anywhere: scripts, styles and images come from Jalon itself. Style *attributes* stay
# allowed (bar positions and theme colours computed on the server), never <style> elements.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-elem": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=()"
)

# Login throttling (django-axes): five failed logins lock out the account and the address for 15 minutes;
# `jalon unlock` lifts it sooner.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "jalon.accounts.lockout.locked_out"
AXES_USERNAME_CALLABLE = "jalon.accounts.lockout.username"
AXES_CLIENT_IP_CALLABLE = "jalon.headers.client_address"
AXES_VERBOSE = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
