"""Nobody owns two workspaces that read alike (case, accents and spaces aside, ``jalon.names.same_title``):
a consultant with two clients tells them apart in their list and in the invitations they send. A new
workspace whose name one of its owner's already has is refused naming it; two people may each own a
workspace of the same name; the upgrade renames the later namesakes already saved, never failing. The rule
holds however one comes to own a workspace: made its owner, accepting an invitation as its owner, or
renaming it (owners only, kept in the history)."""

from __future__ import annotations

import html

import pytest
from django.test import Client
from django.utils import translation

from jalon.accounts.models import User
from jalon.errors import ValidationFailed
from jalon.history.models import Change
from jalon.workspaces import services
from jalon.workspaces.models import Membership, Workspace
from tests.factories import PASSWORD, Team
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


# However one comes to own a workspace -------------------------------------------------------------------


@pytest.fixture
def acme_twin(team: Team) -> Workspace:
    """The editor of Acme owns a workspace of their own whose name reads like Acme's."""
    return services.create_workspace(actor=team.users["editor"], name="ACME ")


def test_making_someone_owner_is_refused_when_they_own_a_namesake(team: Team, acme_twin: Workspace) -> None:
    editor = team.users["editor"]
    with translation.override("fr"), pytest.raises(ValidationFailed) as refused:
        services.set_membership(actor=team.owner, workspace=team.workspace, user=editor, role="owner")
    assert refused.value.errors["role"] == [
        f"{editor} possède déjà un espace de travail nommé ACME, qui se lit comme celui-ci\u00a0: renommez "
        f"l’un des deux d’abord, pour que {editor} puisse les distinguer."
    ]
    assert Membership.objects.get(workspace=team.workspace, user=editor).role == "editor"


def test_the_operator_cannot_make_an_owner_of_a_namesake_either(team: Team, acme_twin: Workspace) -> None:
    with pytest.raises(ValidationFailed):
        services.set_membership(actor=None, workspace=team.workspace, user=team.users["editor"], role="owner")


def test_the_members_page_says_why_the_role_did_not_change(
    client: Client, team: Team, acme_twin: Workspace
) -> None:
    editor = team.users["editor"]
    client.force_login(team.owner)
    client.cookies["jalon_language"] = "en"
    page = client.post(f"/w/acme/members/{editor.pk}/role/", {"role": "owner"}, follow=True).content.decode()
    assert f"{editor} already owns a workspace called ACME, which reads like this one" in html.unescape(page)
    assert Membership.objects.get(workspace=team.workspace, user=editor).role == "editor"


def test_other_roles_and_other_names_are_not_concerned(team: Team, acme_twin: Workspace) -> None:
    viewer, editor = team.users["viewer"], team.users["editor"]
    services.set_membership(actor=team.owner, workspace=team.workspace, user=editor, role="viewer")
    services.set_membership(actor=team.owner, workspace=team.workspace, user=viewer, role="owner")
    services.set_membership(actor=team.owner, workspace=team.workspace, user=team.owner, role="owner")
    assert Membership.objects.get(workspace=team.workspace, user=viewer).role == "owner"


def _invited(team: Team, email: str, role: str) -> str:
    sent = services.invite(
        actor=team.owner, workspace=team.workspace, email=email, role=role,
        link_for=lambda token: token,
    )  # fmt: skip
    return sent.link


def test_accepting_to_own_a_namesake_is_refused_until_one_is_renamed(team: Team) -> None:
    zoe = User.objects.create_user(email="zoe@example.com", password=PASSWORD)
    hers = services.create_workspace(actor=zoe, name="Àcme")
    token = _invited(team, "zoe@example.com", "owner")
    with translation.override("fr"), pytest.raises(ValidationFailed) as refused:
        services.accept_invitation(token=token, user=zoe)
    assert refused.value.errors["invitation"] == [
        "Vous possédez déjà un espace de travail nommé Àcme, qui se lit comme Acme\u00a0: renommez le vôtre "
        "d’abord, puis acceptez de posséder celui-ci."
    ]
    assert not Membership.objects.filter(workspace=team.workspace, user=zoe).exists()
    services.rename_workspace(actor=zoe, workspace=hers, name="Acme (Zoé)")
    services.accept_invitation(token=token, user=zoe)
    assert Membership.objects.get(workspace=team.workspace, user=zoe).role == "owner"


def test_the_invitation_page_says_why_it_cannot_be_accepted_yet(client: Client, team: Team) -> None:
    zoe = User.objects.create_user(email="zoe@example.com", password=PASSWORD)
    services.create_workspace(actor=zoe, name="ACME")
    token = _invited(team, "zoe@example.com", "owner")
    client.force_login(zoe)
    client.cookies["jalon_language"] = "en"
    response = client.post(f"/invitations/{token}/")
    assert response.status_code == 422
    assert "You already own a workspace called ACME, which reads like Acme: rename yours first" in (
        html.unescape(response.content.decode())
    )
    assert not Membership.objects.filter(workspace=team.workspace, user=zoe).exists()


def test_accepting_another_role_in_a_namesake_is_allowed(team: Team) -> None:
    zoe = User.objects.create_user(email="zoe@example.com", password=PASSWORD)
    services.create_workspace(actor=zoe, name="Acme")
    services.accept_invitation(token=_invited(team, "zoe@example.com", "editor"), user=zoe)
    assert Membership.objects.get(workspace=team.workspace, user=zoe).role == "editor"


# Renaming ------------------------------------------------------------------------------------------------


def test_an_owner_renames_the_workspace_and_the_history_keeps_the_former_name(
    client: Client, team: Team
) -> None:
    client.force_login(team.owner)
    client.cookies["jalon_language"] = "fr"
    response = client.post("/w/acme/rename/", {"name": "Acme Marketing"}, follow=True)
    team.workspace.refresh_from_db()
    assert (team.workspace.name, team.workspace.slug) == ("Acme Marketing", "acme")
    page = " ".join(html.unescape(response.content.decode()).split())
    assert "Espace de travail renommé Acme Marketing." in page
    assert "Acme, jusqu’à ce que" in page
    former = services.former_names(team.workspace)
    assert [(f.name, f.renamed_by) for f in former] == [("Acme", team.owner)]
    change = Change.objects.get(object_id=team.workspace.pk, fields__has_key="name")
    assert (change.fields, change.roadmap) == ({"name": ["Acme", "Acme Marketing"]}, None)


@pytest.mark.parametrize("typed", ["Acme other", "ACME  OTHER"], ids=str)
def test_renaming_to_a_name_the_owner_already_has_is_refused(client: Client, team: Team, typed: str) -> None:
    services.create_workspace(actor=team.owner, name="Acme other")  # the outsider owns one so named too
    client.force_login(team.owner)
    client.cookies["jalon_language"] = "en"
    response = client.post("/w/acme/rename/", {"name": typed})
    assert response.status_code == 422
    assert "You already own a workspace called Acme other: give this one another name." in html.unescape(
        response.content.decode()
    )
    team.workspace.refresh_from_db()
    assert team.workspace.name == "Acme" and not services.former_names(team.workspace)


def test_renaming_is_refused_when_a_co_owner_owns_a_namesake(team: Team) -> None:
    viewer = team.users["viewer"]
    services.set_membership(actor=team.owner, workspace=team.workspace, user=viewer, role="owner")
    services.create_workspace(actor=viewer, name="Studio")
    with translation.override("en"), pytest.raises(ValidationFailed) as refused:
        services.rename_workspace(actor=team.owner, workspace=team.workspace, name="studio")
    assert refused.value.errors["name"] == [
        f"{viewer}, an owner of this workspace, already owns a workspace called Studio: give this one "
        "another name."
    ]


def test_a_workspace_may_take_its_own_name_in_other_letters(team: Team) -> None:
    services.rename_workspace(actor=team.owner, workspace=team.workspace, name="ACME")
    team.workspace.refresh_from_db()
    assert team.workspace.name == "ACME"
