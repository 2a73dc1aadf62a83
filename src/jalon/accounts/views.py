"""Log in, the first account of a fresh install, and sign-up."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import get_language

from jalon.accounts.forms import AccountForm
from jalon.accounts.services import create_first_account, has_accounts, sign_up, signup_mode
from jalon.forms import submit

BACKEND = "django.contrib.auth.backends.ModelBackend"


class LoginView(auth_views.LoginView):
    """Django's login page, except on a fresh install: there the first visit creates the first account."""

    template_name = "accounts/login.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not has_accounts():
            return redirect("setup")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "signup_open": signup_mode() == "open"}


def _account_page(request: HttpRequest, template: str, create: Any) -> HttpResponse:
    form = AccountForm(request.POST or None)
    status = 200
    if request.method == "POST":
        submission = submit(
            form,
            lambda f: create(
                email=f.cleaned_data["email"],
                password=f.cleaned_data["password1"],
                display_name=f.cleaned_data["display_name"],
                language=get_language() or "",
            ),
        )
        if submission.saved:
            login(request, submission.result, backend=BACKEND)
            return redirect("home")
        status = submission.status
    return render(request, template, {"form": form}, status=status)


def setup(request: HttpRequest) -> HttpResponse:
    """The first account (the instance's administrator); gone once any account exists."""
    if has_accounts():
        raise Http404
    return _account_page(request, "accounts/setup.html", create_first_account)


def signup(request: HttpRequest) -> HttpResponse:
    """Anyone's account with JALON_SIGNUP=open; otherwise a page that says how accounts are made."""
    mode = signup_mode()
    if mode != "open":
        return render(request, "accounts/signup_closed.html", {"mode": mode}, status=403)
    return _account_page(request, "accounts/signup.html", sign_up)
