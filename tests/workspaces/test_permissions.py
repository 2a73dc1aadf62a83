"""Who may do what: every role × view/edit/manage, and every URL of the demo roadmap seen by each role.

An object of another workspace is a 404 (its existence is not disclosed), whatever the URL or form field
it is reached through; a member whose role is too weak gets a 403 and sees no edit controls.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client

from jalon.demo.loader import DEMO_FILE
from jalon.documents.services import export_roadmap, import_roadmap
from jalon.errors import ValidationFailed
from jalon.history.models import Change
from jalon.strategy import services
from jalon.strategy.models import KPI, Measurement, Objective, Roadmap, Strategy, Tactic
from jalon.workspaces.models import Membership, Role, Workspace
from jalon.workspaces.permissions import Action, Forbidden, NotFound, can, require
from jalon.workspaces.services import set_membership

ROLES = ("owner", "editor", "viewer", "stakeholder", "outsider")
EXPECTED: dict[str, dict[Action, bool]] = {
    "owner": {"view": True, "edit": True, "manage": True},
    "editor": {"view": True, "edit": True, "manage": False},
    "viewer": {"view": True, "edit": False, "manage": False},
    "stakeholder": {"view": True, "edit": False, "manage": False},
    "outsider": {"view": False, "edit": False, "manage": False},
}

WS = "/w/cloud-kicks/"
ROADMAP = WS + "r/cloud-kicks/"
OBJECTIVE = ROADMAP + "o/taux-conversion/"
STRATEGY = OBJECTIVE + "strategies/valeur-vie-client/"
TACTIC = STRATEGY + "tactics/bienvenue/"


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    data: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.method.upper()} {self.path}"

    def send(self, client: Client) -> Any:
        if self.method == "get":
            return client.get(self.path)
        data = {
            k: SimpleUploadedFile("plan.yaml", v) if isinstance(v, bytes) else v for k, v in self.data.items()
        }
        return client.post(self.path, data)


ROADMAP_FORM = {
    "title": "Plan",
    "type": "strategic",
    "vision": "V",
    "start": "2026-02-01",
    "end": "",
    "horizon": "6",
    "fiscal_year_start_month": "2",
    "currency": "EUR",
    "version": "1",
}
OBJECTIVE_FORM = {"title": "Nouvel objectif", "deadline_rule": "fiscal_year_end", "version": "1"}

READS = [
    Call("get", WS),
    Call("get", ROADMAP),
    Call("get", OBJECTIVE),
    Call("get", OBJECTIVE + "cells/impact/"),
    Call("get", ROADMAP + "export.yaml"),
    Call("get", ROADMAP + "export.json"),
    Call("get", ROADMAP + "history/"),
    Call("get", ROADMAP + "history/journal/"),
    Call("get", ROADMAP + "history/journal/?actor=1&kind=2&since=01/01/2026&until=31/12/2026&page=2"),
    Call("get", ROADMAP + "history/journal.csv"),
]
WRITES = [
    Call("post", WS + "roadmaps/new/", {**ROADMAP_FORM, "slug": "plan-2027"}),
    Call(
        "post", WS + "import/", {"file": DEMO_FILE.read_bytes().replace(b"slug: cloud-kicks", b"slug: copy")}
    ),
    Call("get", ROADMAP + "edit/"),
    Call("post", ROADMAP + "edit/", ROADMAP_FORM),
    Call("get", ROADMAP + "objectives/new/"),
    Call("post", ROADMAP + "objectives/new/", {**OBJECTIVE_FORM, "key": "nouveau"}),
    Call("get", OBJECTIVE + "edit/"),
    Call("post", OBJECTIVE + "edit/", OBJECTIVE_FORM),
    Call("get", OBJECTIVE + "cells/impact/?edit=1"),
    Call("post", OBJECTIVE + "cells/impact/", {"impact": "Plus de ventes.", "version": "1"}),
    Call(
        "post",
        ROADMAP + "kpis/taux-conversion/measurements/",
        {"taux-conversion-date": "2026-11-30", "taux-conversion-value": "3.3"},
    ),
    Call("post", OBJECTIVE + "strategies/", {"key": "fidelite", "title": "Fidéliser"}),
    Call("post", STRATEGY, {"title": "Renommée", "version": "1"}),
    Call("post", STRATEGY, {"delete": "1"}),
    Call("post", STRATEGY + "tactics/", {"key": "sms", "title": "SMS"}),
    Call("post", TACTIC, {"title": "Renommée", "description": "", "version": "1"}),
    Call("post", TACTIC, {"delete": "1"}),
]


def login(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def snapshot() -> tuple[Any, ...]:
    """Everything a write could change, to prove that a refused request changed nothing."""
    roadmaps = Roadmap.objects.order_by("pk")
    exports = tuple(export_roadmap(actor=None, roadmap=r, fmt="yaml") for r in roadmaps)
    counts = tuple(
        m.objects.count() for m in (Roadmap, Objective, KPI, Measurement, Strategy, Tactic, Change)
    )
    return exports, counts


@pytest.fixture
def twin(members):
    """The outsider's own copy of the demo, with the very same slugs and keys, in workspace `other`."""
    other = Workspace.objects.get(slug="other")
    return import_roadmap(
        actor=members["outsider"], workspace=other, text=DEMO_FILE.read_text(encoding="utf-8"), fmt="yaml"
    )


# The rule table -----------------------------------------------------------------------------------


def test_can_follows_the_role_table(members, demo) -> None:
    seen = {
        role: {action: can(members[role], action, demo.roadmap) for action in EXPECTED[role]}
        for role in ROLES
    }
    assert seen == EXPECTED


def test_require_returns_the_role_or_raises_not_found_for_outsiders_and_forbidden_for_weak_roles(
    members, demo
) -> None:
    objective = demo.roadmap.objectives.get(key="taux-conversion")
    for role in ROLES:
        for action, allowed in EXPECTED[role].items():
            if allowed:
                assert require(members[role], action, objective) == role
                continue
            expected = NotFound if role == "outsider" else Forbidden
            with pytest.raises(expected):
                require(members[role], action, objective)


def test_anonymous_user_can_do_nothing(demo) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert not any(can(AnonymousUser(), action, demo.roadmap) for action in ("view", "edit", "manage"))


def test_only_an_owner_may_manage_members(members, demo, make_user) -> None:
    newcomer = make_user("newcomer@example.com")
    for role in ("editor", "viewer", "stakeholder"):
        with pytest.raises(Forbidden):
            set_membership(actor=members[role], workspace=demo.workspace, user=newcomer, role="viewer")
    assert not Membership.objects.filter(user=newcomer).exists()
    set_membership(actor=members["owner"], workspace=demo.workspace, user=newcomer, role="viewer")
    assert can(newcomer, "view", demo.roadmap)


def test_an_outsider_cannot_add_members_to_a_workspace_they_do_not_see(members, demo) -> None:
    with pytest.raises(NotFound):
        set_membership(
            actor=members["outsider"], workspace=demo.workspace, user=members["outsider"], role="owner"
        )
    assert not can(members["outsider"], "view", demo.roadmap)


def test_the_last_owner_cannot_be_demoted(members, demo) -> None:
    with pytest.raises(ValidationFailed):
        set_membership(actor=members["owner"], workspace=demo.workspace, user=members["owner"], role="editor")
    assert Membership.objects.get(workspace=demo.workspace, user=members["owner"]).role == Role.OWNER


# Every URL, every role ----------------------------------------------------------------------------


def statuses(client: Client, calls: list[Call]) -> dict[str, int]:
    return {str(call): call.send(client).status_code for call in calls}


def test_outsider_gets_404_on_every_demo_url(client, members) -> None:
    before = snapshot()
    seen = statuses(login(client, members["outsider"]), READS + WRITES)
    assert seen == {str(call): 404 for call in READS + WRITES}
    assert snapshot() == before


def test_anonymous_visitor_is_sent_to_the_login_page(client, demo) -> None:
    before = snapshot()
    for call in READS + WRITES:
        response = call.send(client)
        assert response.status_code == 302, str(call)
        assert response["Location"].startswith("/login/"), str(call)
    assert snapshot() == before


# The workspace's change log names who was invited and with what role: its owners read it, as the members
# page; the other members are refused, outsiders told nothing exists, anonymous visitors sent to log in.
WORKSPACE_LOG = [
    Call("get", WS + "journal/"),
    Call("get", WS + "journal/?actor=1&kind=2&since=01/01/2026&until=31/12/2026&page=2"),
    Call("get", WS + "journal/?actor=-2&since=31/02/2026"),
    Call("get", WS + "journal.csv"),
    Call("get", WS + "journal.csv?actor=0"),
]


@pytest.mark.parametrize(
    ("role", "status"),
    [("owner", 200), ("editor", 403), ("viewer", 403), ("stakeholder", 403), ("outsider", 404)],
)
def test_only_owners_read_the_workspace_change_log(client, members, role: str, status: int) -> None:
    before = snapshot()
    assert statuses(login(client, members[role]), WORKSPACE_LOG) == {str(c): status for c in WORKSPACE_LOG}
    assert snapshot() == before


def test_the_workspace_change_log_sends_anonymous_visitors_to_log_in(client, demo) -> None:
    for call in WORKSPACE_LOG:
        response = call.send(client)
        assert response.status_code == 302 and response["Location"].startswith("/login/"), str(call)


@pytest.mark.parametrize("role", ["owner", "editor", "viewer", "stakeholder"])
def test_every_member_can_read_every_demo_page(client, members, role: str) -> None:
    assert statuses(login(client, members[role]), READS) == {str(call): 200 for call in READS}


@pytest.mark.parametrize("role", ["viewer", "stakeholder"])
def test_viewers_and_stakeholders_get_403_on_every_write_and_nothing_changes(
    client, members, role: str
) -> None:
    before = snapshot()
    seen = statuses(login(client, members[role]), WRITES)
    assert seen == {str(call): 403 for call in WRITES}
    assert snapshot() == before


INVALID_WRITES = [
    Call("post", WS + "roadmaps/new/", {}),
    Call("post", WS + "import/", {}),
    Call("post", ROADMAP + "edit/", {}),
    Call("post", ROADMAP + "objectives/new/", {}),
    Call("post", OBJECTIVE + "edit/", {}),
    Call("post", OBJECTIVE + "cells/impact/", {}),
    Call("post", ROADMAP + "kpis/taux-conversion/measurements/", {}),
    Call("post", OBJECTIVE + "strategies/", {}),
    Call("post", STRATEGY, {}),
    Call("post", STRATEGY + "tactics/", {}),
    Call("post", TACTIC, {}),
]


@pytest.mark.parametrize("role", ["viewer", "stakeholder"])
def test_a_weak_role_gets_403_even_when_the_form_is_invalid(client, members, role: str) -> None:
    seen = statuses(login(client, members[role]), INVALID_WRITES)
    assert seen == {str(call): 403 for call in INVALID_WRITES}


@pytest.mark.parametrize("role", ["owner", "editor"])
def test_owners_and_editors_may_write_everywhere(client, members, role: str) -> None:
    login(client, members[role])
    for call in WRITES:
        # each write starts from the pristine demo: undo the previous one
        savepoint = transaction.savepoint()
        before = snapshot()
        response = call.send(client)
        assert response.status_code in (200, 302), f"{call}: {response.status_code}"
        if call.method == "post":
            assert snapshot() != before, f"{call} changed nothing"
        transaction.savepoint_rollback(savepoint)


@pytest.mark.parametrize("role", ["viewer", "stakeholder"])
def test_viewers_and_stakeholders_see_no_edit_controls(client, members, role: str) -> None:
    login(client, members[role])
    for path in (ROADMAP, OBJECTIVE, WS):
        page = html.unescape(client.get(path).content.decode())
        for control in (
            "edit-link",
            "?edit=",
            "/edit/",
            "objectives/new/",
            "/cells/",
            "/measurements/",
            "/strategies/",
            "/import/",
            'name="version"',
        ):
            assert control not in page, f"{control} on {path}"


def test_editors_see_the_edit_controls(client, members) -> None:
    login(client, members["editor"])
    assert "edit-link" in client.get(ROADMAP).content.decode()
    assert "/measurements/" in client.get(OBJECTIVE).content.decode()


# Objects of another workspace ---------------------------------------------------------------------


def test_a_member_gets_404_on_the_same_urls_in_a_workspace_they_do_not_belong_to(
    client, members, twin
) -> None:
    login(client, members["owner"])
    before = snapshot()
    for call in READS + WRITES:
        moved = Call(call.method, call.path.replace("/w/cloud-kicks/", "/w/other/"), call.data)
        assert moved.send(client).status_code == 404, str(moved)
    assert snapshot() == before


def test_an_outsider_with_the_same_slugs_in_their_own_workspace_still_gets_404(client, members, twin) -> None:
    login(client, members["outsider"])
    assert client.get("/w/other/r/cloud-kicks/o/taux-conversion/").status_code == 200
    assert client.get(OBJECTIVE).status_code == 404


def test_a_roadmap_of_another_workspace_is_not_reachable_under_my_workspace_slug(
    client, members, demo
) -> None:
    other = Workspace.objects.get(slug="other")
    services.create_roadmap(
        actor=members["outsider"],
        workspace=other,
        slug="secret",
        title="Secret",
        type="strategic",
        start="2026-01-01",
        end="2026-12-31",
    )
    login(client, members["owner"])
    assert client.get(WS + "r/secret/").status_code == 404
    assert client.get(WS + "r/secret/export.yaml").status_code == 404


def test_nested_keys_of_another_roadmap_answer_404(client, members, demo) -> None:
    owner = members["owner"]
    second = services.create_roadmap(
        actor=owner,
        workspace=demo.workspace,
        slug="second",
        title="Second",
        type="campaign",
        start="2026-01-01",
        end="2026-06-30",
    )
    goal = services.create_objective(actor=owner, roadmap=second, key="only-here", title="Only here")
    services.create_kpi(actor=owner, roadmap=second, key="only-kpi", name="K", frequency="monthly")
    strategy = services.create_strategy(
        actor=owner, roadmap=second, objective=goal, key="only-strategy", title="S"
    )
    services.create_tactic(actor=owner, strategy=strategy, key="only-tactic", title="T")
    login(client, owner)
    before = snapshot()
    assert client.get(ROADMAP + "o/only-here/").status_code == 404
    assert client.get(ROADMAP + "o/only-here/cells/impact/").status_code == 404
    assert (
        client.post(ROADMAP + "o/only-here/cells/impact/", {"impact": "x", "version": 1}).status_code == 404
    )
    post = {"only-kpi-date": "2026-03-01", "only-kpi-value": "1"}
    assert client.post(ROADMAP + "kpis/only-kpi/measurements/", post).status_code == 404
    assert client.post(OBJECTIVE + "strategies/only-strategy/", {"delete": "1"}).status_code == 404
    assert (
        client.post(OBJECTIVE + "strategies/only-strategy/tactics/", {"key": "k", "title": "T"}).status_code
        == 404
    )
    assert client.post(STRATEGY + "tactics/only-tactic/", {"delete": "1"}).status_code == 404
    assert snapshot() == before


def test_posting_a_parent_objective_of_another_workspace_is_refused_and_changes_nothing(
    client, members, twin
) -> None:
    foreign = Objective.objects.get(roadmap=twin, key="canal-mobile")
    login(client, members["owner"])
    before = snapshot()
    response = client.post(OBJECTIVE + "edit/", {**OBJECTIVE_FORM, "parent": str(foreign.pk)})
    assert response.status_code == 422
    new = client.post(ROADMAP + "objectives/new/", {**OBJECTIVE_FORM, "key": "n", "parent": str(foreign.pk)})
    assert new.status_code == 422
    assert snapshot() == before


def test_posting_a_parent_objective_of_another_roadmap_in_the_same_workspace_is_refused(
    client, members, demo
) -> None:
    owner = members["owner"]
    second = services.create_roadmap(
        actor=owner,
        workspace=demo.workspace,
        slug="second",
        title="Second",
        type="campaign",
        start="2026-01-01",
        end="2026-06-30",
    )
    elsewhere = services.create_objective(actor=owner, roadmap=second, key="elsewhere", title="Elsewhere")
    login(client, owner)
    response = client.post(OBJECTIVE + "edit/", {**OBJECTIVE_FORM, "parent": str(elsewhere.pk)})
    assert response.status_code == 422
    assert Objective.objects.get(roadmap=demo.roadmap, key="taux-conversion").parent is None


def test_services_refuse_a_parent_from_another_workspace(members, twin, demo) -> None:
    foreign = Objective.objects.get(roadmap=twin, key="canal-mobile")
    mine = Objective.objects.get(roadmap=demo.roadmap, key="canal-mobile")
    with pytest.raises(ValidationFailed) as refused:
        services.update_objective(
            actor=members["owner"], objective=mine, expected_version=mine.version, changes={"parent": foreign}
        )
    assert "parent" in refused.value.errors
    with pytest.raises(ValidationFailed):
        services.create_objective(
            actor=members["owner"], roadmap=demo.roadmap, key="x", title="X", parent=foreign
        )


def test_services_refuse_to_link_a_kpi_or_strategy_to_an_objective_of_another_workspace(
    members, twin, demo
) -> None:
    owner = members["owner"]
    foreign = Objective.objects.get(roadmap=twin, key="canal-mobile")
    with pytest.raises(ValidationFailed):
        services.create_kpi(
            actor=owner, roadmap=demo.roadmap, key="k", name="K", frequency="monthly", objective=foreign
        )
    with pytest.raises(ValidationFailed):
        services.create_strategy(actor=owner, roadmap=demo.roadmap, objective=foreign, key="s", title="S")


def test_update_kpi_refuses_an_objective_of_another_workspace(members, twin, demo) -> None:
    foreign = Objective.objects.get(roadmap=twin, key="canal-mobile")
    kpi = KPI.objects.get(roadmap=demo.roadmap, key="taux-conversion")
    with pytest.raises(ValidationFailed):
        services.update_kpi(
            actor=members["owner"], kpi=kpi, expected_version=kpi.version, changes={"objective": foreign}
        )
    kpi.refresh_from_db()
    assert kpi.objective is not None and kpi.objective.roadmap_id == demo.roadmap.pk


def test_update_strategy_refuses_an_objective_of_another_workspace(members, twin, demo) -> None:
    foreign = Objective.objects.get(roadmap=twin, key="canal-mobile")
    strategy = Strategy.objects.get(roadmap=demo.roadmap, key="valeur-vie-client")
    with pytest.raises(ValidationFailed):
        services.update_strategy(
            actor=members["owner"],
            strategy=strategy,
            expected_version=strategy.version,
            changes={"objective": foreign},
        )
    strategy.refresh_from_db()
    assert strategy.objective.roadmap_id == demo.roadmap.pk


def test_services_treat_an_object_of_another_workspace_as_not_found(members, twin) -> None:
    foreign = Objective.objects.get(roadmap=twin, key="canal-mobile")
    with pytest.raises(NotFound):
        services.update_objective(
            actor=members["owner"],
            objective=foreign,
            expected_version=foreign.version,
            changes={"title": "x"},
        )
    with pytest.raises(NotFound):
        export_roadmap(actor=members["owner"], roadmap=twin, fmt="yaml")


def test_the_workspace_page_offers_strategys_new_roadmap_form_and_a_refused_one_comes_back_on_it(
    client, members
) -> None:
    page = login(client, members["owner"]).get(WS).content.decode()
    assert 'action="/w/cloud-kicks/roadmaps/new/"' in page
    refused = client.post(WS + "roadmaps/new/", {**ROADMAP_FORM, "slug": "plan-2027", "title": ""})
    assert refused.status_code == 422
    assert '<details class="card" open>' in refused.content.decode()
    assert not Roadmap.objects.filter(slug="plan-2027").exists()
    created = client.post(WS + "roadmaps/new/", {**ROADMAP_FORM, "slug": "plan-2027"})
    assert created["Location"] == "/w/cloud-kicks/r/plan-2027/start/"  # a new roadmap opens on the 7 steps
