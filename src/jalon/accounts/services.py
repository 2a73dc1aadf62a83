"""Creating accounts: the instance's first account (its administrator), and sign-up as JALON_SIGNUP allows;
the language each person reads in."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connection, transaction
from django.utils.translation import gettext as _

from jalon.accounts.models import User
from jalon.errors import ValidationFailed


def has_accounts() -> bool:
    return User.objects.exists()


def signup_mode() -> str:
    """closed, invite or open (jalon.config.SIGNUP_MODES)."""
    return str(settings.JALON_SIGNUP)


def new_account(
    *, email: str, password: str, display_name: str = "", language: str = "", **extra: bool
) -> User:
    """Create an account after checking the address and the password; call inside a transaction."""
    email = User.objects.normalize_email(email.strip()).lower()
    errors: dict[str, list[str]] = {}
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = [_("Enter a valid e-mail address.")]
    else:
        if User.objects.filter(email__iexact=email).exists():
            errors["email"] = [_("An account with this e-mail address already exists; log in instead.")]
    candidate = User(email=email, display_name=display_name.strip())
    try:
        validate_password(password, candidate)
    except ValidationError as error:
        errors["password1"] = list(error.messages)
    if errors:
        raise ValidationFailed(errors)
    language = language if language in dict(settings.LANGUAGES) else ""
    return User.objects.create_user(
        email=email, password=password, display_name=display_name.strip(), language=language, **extra
    )


def _lock_accounts() -> None:
    """Make two simultaneous "first account" requests wait for each other (SQLite's immediate
    transactions already do: one writer at a time)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {User._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")


def create_first_account(*, email: str, password: str, display_name: str = "", language: str = "") -> User:
    """The instance's administrator, created from the browser on a fresh install; refused once any
    account exists."""
    with transaction.atomic():
        _lock_accounts()
        if has_accounts():
            raise ValidationFailed({"email": [_("Jalon already has an administrator; log in instead.")]})
        return new_account(
            email=email,
            password=password,
            display_name=display_name,
            language=language,
            is_staff=True,
            is_superuser=True,
        )


def sign_up(*, email: str, password: str, display_name: str = "", language: str = "") -> User:
    """Anyone's own account, when JALON_SIGNUP=open."""
    if signup_mode() != "open":
        raise ValidationFailed({"email": [_("Accounts are created by invitation only on this Jalon.")]})
    with transaction.atomic():
        return new_account(email=email, password=password, display_name=display_name, language=language)


def set_language(user: User, language: str) -> None:
    """Remember the interface language ``user`` chose (the view offers only ``settings.LANGUAGES``)."""
    user.language = language
    user.save(update_fields=["language"])
