"""The first account of a fresh install, then sign-up as JALON_SIGNUP says, and a new workspace."""

from __future__ import annotations

import pytest
from django.test import Client

from jalon.accounts.models import User
from jalon.accounts.services import create_first_account, sign_up
from jalon.errors import ValidationFailed
from jalon.workspaces.models import Membership, Workspace
from jalon.workspaces.services import create_workspace, unique_slug

PASSWORD = "a-long-pass-phrase"
ACCOUNT = {"email": "ada@example.com", "display_name": "Ada", "password1": PASSWORD, "password2": PASSWORD}


@pytest.mark.django_db
def test_on_a_fresh_install_the_login_page_leads_to_the_first_account(client: Client) -> None:
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/setup/"
    assert "Bienvenue dans Jalon" in response.content.decode()


@pytest.mark.django_db
def test_the_first_account_is_the_administrator_and_is_logged_in(client: Client) -> None:
    response = client.post("/setup/", ACCOUNT)
    assert response.status_code == 302
    user = User.objects.get()
    assert (user.email, user.display_name, user.is_superuser, user.is_staff) == (
        "ada@example.com",
        "Ada",
        True,
        True,
    )
    assert user.check_password(PASSWORD)
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_the_setup_page_is_gone_once_an_account_exists(client: Client, make_user) -> None:
    make_user("someone@example.com")
    assert client.get("/setup/").status_code == 404
    assert client.post("/setup/", ACCOUNT).status_code == 404
    assert User.objects.count() == 1
    with pytest.raises(ValidationFailed):
        create_first_account(email="other@example.com", password=PASSWORD)


@pytest.mark.django_db
def test_a_weak_or_mismatched_password_creates_nothing_and_says_why(client: Client) -> None:
    response = client.post("/setup/", {**ACCOUNT, "password1": "password", "password2": "password"})
    assert response.status_code == 422
    assert "trop courant" in response.content.decode()
    response = client.post("/setup/", {**ACCOUNT, "password2": "something-else-1"})
    assert response.status_code == 422
    assert "Les deux mots de passe diffèrent" in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_open_signup_lets_anyone_create_an_account(client: Client, settings, make_user) -> None:
    settings.JALON_SIGNUP = "open"
    make_user("admin@example.com")
    assert "/signup/" in client.get("/login/").content.decode()
    response = client.post("/signup/", ACCOUNT)
    assert response.status_code == 302
    assert not User.objects.get(email="ada@example.com").is_superuser


@pytest.mark.django_db
def test_open_signup_refuses_an_address_that_already_has_an_account(
    client: Client, settings, make_user
) -> None:
    settings.JALON_SIGNUP = "open"
    make_user("ada@example.com")
    response = client.post("/signup/", {**ACCOUNT, "email": "Ada@Example.com"})
    assert response.status_code == 422
    assert User.objects.count() == 1


@pytest.mark.parametrize("mode", ["invite", "closed"])
@pytest.mark.django_db
def test_without_open_signup_the_signup_page_explains_and_creates_nothing(
    client: Client,
    settings,
    make_user,
    mode: str,
) -> None:
    settings.JALON_SIGNUP = mode
    make_user("admin@example.com")
    assert "/signup/" not in client.get("/login/").content.decode()
    response = client.post("/signup/", ACCOUNT)
    assert response.status_code == 403
    assert ("invitation" if mode == "invite" else "administrateur") in response.content.decode()
    assert User.objects.count() == 1
    with pytest.raises(ValidationFailed):
        sign_up(email="ada@example.com", password=PASSWORD)


@pytest.mark.django_db
def test_anyone_signed_in_creates_a_workspace_and_becomes_its_owner(client: Client, make_user) -> None:
    user = make_user("ada@example.com")
    client.force_login(user)
    response = client.post("/workspaces/new/", {"name": "Équipe Marketing"})
    assert response.status_code == 302
    assert response["Location"] == "/w/equipe-marketing/"
    workspace = Workspace.objects.get(slug="equipe-marketing")
    assert Membership.objects.get(workspace=workspace).role == "owner"
    assert client.get("/w/equipe-marketing/").status_code == 200


@pytest.mark.django_db
def test_a_workspace_identifier_comes_from_its_name_and_is_unique(make_user) -> None:
    user = make_user("ada@example.com")
    first = create_workspace(actor=user, name="Cloud Kicks")
    second = create_workspace(actor=user, name="Cloud  Kicks!")
    assert (first.slug, second.slug) == ("cloud-kicks", "cloud-kicks-2")
    assert unique_slug("¿¿") == "w-1"  # no English word in the address: the kind's initial and a number


@pytest.mark.django_db
def test_a_workspace_without_a_name_is_refused(client: Client, make_user) -> None:
    client.force_login(make_user("ada@example.com"))
    assert client.post("/workspaces/new/", {"name": "  "}).status_code == 422
    assert not Workspace.objects.exists()


def test_the_new_workspace_page_needs_a_login(client: Client, db) -> None:
    User.objects.create_user(email="x@example.com", password=PASSWORD)
    assert client.get("/workspaces/new/")["Location"].startswith("/login/")


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_first_accounts_make_one_administrator() -> None:
    """Two browsers submitting the first-account form at the same moment: one wins, the other is told to
    log in; never two administrators."""
    import threading

    from django.db import connection

    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def create(email: str) -> None:
        try:
            barrier.wait(timeout=10)
            create_first_account(email=email, password=PASSWORD)
            outcomes.append("created")
        except ValidationFailed:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=create, args=(f"admin{n}@example.com",)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["created", "refused"]
    assert User.objects.filter(is_superuser=True).count() == 1
