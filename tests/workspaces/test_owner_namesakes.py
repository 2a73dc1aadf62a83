"""Nobody owns two workspaces that read alike (case, accents and spaces aside, ``jalon.names.same_title``):
a consultant with two clients tells them apart in their list and in the invitations they send. A new
workspace whose name one of its owner's already has is refused naming it; two people may each own a
workspace of the same name; the upgrade renames the later namesakes already saved, never failing."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from jalon.accounts.models import User
from jalon.errors import ValidationFailed
from jalon.workspaces import services
from jalon.workspaces.models import Workspace
from tests.factories import PASSWORD
from tests.migration_steps import migrate, migrated_to


@pytest.fixture
def consultant(db) -> User:
    user = User.objects.create_user(email="conseil@example.com", password=PASSWORD)
    services.create_workspace(actor=user, name="Client Élan")
    return user


@pytest.mark.parametrize("typed", ["Client Élan", "client elan", "  CLIENT   ÉLAN "], ids=str)
def test_a_person_cannot_own_two_workspaces_that_read_alike(consultant: User, typed: str) -> None:
    with translation.override("fr"), pytest.raises(ValidationFailed) as refused:
        services.create_workspace(actor=consultant, name=typed)
    assert refused.value.errors["name"] == [
        "Vous possédez déjà un espace de travail nommé Client Élan\u00a0: donnez un autre nom à celui-ci."
    ]
    assert Workspace.objects.count() == 1


def test_two_people_may_each_own_a_workspace_of_the_same_name(consultant: User) -> None:
    other = User.objects.create_user(email="autre@example.com", password=PASSWORD)
    services.create_workspace(actor=other, name="Client Élan")
    services.create_workspace(actor=consultant, name="Client Rivage")
    assert sorted(Workspace.objects.values_list("name", flat=True)) == [
        "Client Rivage", "Client Élan", "Client Élan"
    ]  # fmt: skip


def test_the_new_workspace_page_names_the_workspace_already_owned(client: Client, consultant: User) -> None:
    client.force_login(consultant)
    client.cookies["jalon_language"] = "en"
    response = client.post("/workspaces/new/", {"name": "client élan"})
    assert response.status_code == 422
    assert "You already own a workspace called Client Élan: give this one another name." in (
        response.content.decode().replace("&#x27;", "'")
    )
    assert Workspace.objects.count() == 1


@pytest.fixture
def before_upgrade(transactional_db):
    with migrated_to([("workspaces", "0002_invitation")]) as apps:
        yield apps


def test_the_upgrade_renames_an_owners_later_namesakes_and_keeps_the_first(before_upgrade) -> None:
    apps = before_upgrade
    User_ = apps.get_model("accounts", "User")
    Workspace_ = apps.get_model("workspaces", "Workspace")
    Membership_ = apps.get_model("workspaces", "Membership")
    ana, bob = (User_.objects.create(email=f"{n}@example.com") for n in ("ana", "bob"))
    owned = [("a", "Client", ana), ("b", "client ", ana), ("c", "Client (2)", ana), ("d", "Client", bob)]
    owned.append(("e", "CLIENT", bob))
    for slug, name, owner in owned:
        workspace = Workspace_.objects.create(slug=slug, name=name)
        Membership_.objects.create(workspace=workspace, user=owner, role="owner")
    viewed = Workspace_.objects.create(slug="f", name="Client")  # ana only views it: not hers to rename
    Membership_.objects.create(workspace=viewed, user=ana, role="viewer")
    after = migrate([("workspaces", "0003_owner_namesakes")])
    names = dict(after.get_model("workspaces", "Workspace").objects.values_list("slug", "name"))
    assert names == {
        "a": "Client", "b": "client (3)", "c": "Client (2)", "d": "Client", "e": "CLIENT (2)", "f": "Client"
    }  # fmt: skip
