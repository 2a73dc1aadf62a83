"""The Cloud Kicks demo's framing: French, personas seeded from the synthetic orders, a plan with dated
contacts, and a refresh that gives the same framing again."""

from __future__ import annotations

from jalon.accounts.models import User
from jalon.demo.framing import CUSTOMERS, load_demo_framing
from jalon.framing import plan, votes
from jalon.framing.models import Framing, Persona


def test_the_demo_framing_is_seeded_from_the_synthetic_orders_in_french(demo) -> None:
    framing = load_demo_framing(demo.roadmap)
    personas = list(framing.personas.all())
    assert 4 <= len(personas) <= 6
    assert (
        sum(p.customers or 0 for p in personas)
        == CUSTOMERS
        == framing.__class__.objects.get().orders_customers
    )
    assert {s.name for s in framing.stages.all()} >= {"Prospect", "Client fidèle", "Client inactif"}
    assert framing.workshops.count() == 6 and framing.stakeholders.count() == 4
    actions = list(framing.actions.select_related("persona", "stage"))
    assert len(plan.dated_contacts(framing, actions)) > 52
    assert plan.pressure(framing, actions)  # the ceiling of 2 is crossed somewhere: the check has a story
    assert framing.votes.get().options.count() == 4


def test_the_demo_vote_has_ballots_cast_and_results_and_its_user_may_still_vote(demo) -> None:
    framing = load_demo_framing(demo.roadmap)
    vote = framing.votes.get()
    tally = votes.tally(vote)
    assert (tally.ballots, tally.set_aside, vote.closed) == (3, 0, False)
    assert [(r.option.title, r.points, r.voters, r.rank) for r in tally.ranked][:2] == [
        ("Augmenter le taux de réachat à 12\u00a0mois", 4, 3, 1),
        ("Réactiver les clients à risque", 3, 2, 2),
    ]
    assert votes.may_vote(User.objects.get(email="demo@jalon.local"), vote)
    again = load_demo_framing(demo.roadmap).votes.get()  # loaded again: the same three ballots, no more
    assert votes.tally(again).ballots == 3


def test_running_the_demo_again_gives_the_same_framing(demo) -> None:
    first = load_demo_framing(demo.roadmap)
    names = sorted(Persona.objects.filter(framing=first).values_list("name", "customers"))
    second = load_demo_framing(demo.roadmap)
    assert Framing.objects.count() == 1
    assert sorted(Persona.objects.filter(framing=second).values_list("name", "customers")) == names


def test_the_demo_command_gives_the_roadmap_its_framing(db) -> None:
    from tests.cli.commands import jalon

    assert jalon("demo", env={"JALON_DEMO_PASSWORD": "demo-password-1"}).exit_code == 0
    framing = Framing.objects.get(roadmap__slug="cloud-kicks")
    assert framing.orders_file == "commandes-cloud-kicks.csv" and framing.personas.count() >= 4
