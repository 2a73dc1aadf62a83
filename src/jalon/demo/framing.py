"""The Cloud Kicks demo's framing, in French: a kick-off, the workshop calendar, stakeholders, personas
seeded from the synthetic shoe-shop orders of ``jalon.demo.orders``, an animation plan and a vote on the
objectives in which three stakeholders have voted.

Its dates move like the roadmap's dated work (``jalon.demo.dates``): by the whole weeks of the day the demo
is loaded, the workshops and the plan actions inside the roadmap's horizon; the orders by the same days, so
that the personas (read from the orders' own last day) are the same whatever the day. The workshops are all
before the load day (the framing is done, the plan under way): each is *held*, as a consultant marks it, not
*planned* for a day gone by."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import translation

from jalon.accounts.models import User
from jalon.demo.dates import HORIZON_AS_WRITTEN, day_of_horizon, shift_for
from jalon.demo.loader import DEMO_EMAIL
from jalon.demo.orders import synthetic_orders
from jalon.documents.orders_file import orders_csv
from jalon.framing import services
from jalon.framing.models import Framing, PlanAction, Stakeholder, Workshop
from jalon.history import origin
from jalon.strategy.models import Roadmap
from jalon.workspaces.models import Role
from jalon.workspaces.services import set_membership

CUSTOMERS = 3000
SEED = 0

WORKSHOPS = (
    ("kickoff", 0, "Siège, salle Oxford", "Note de cadrage"),
    ("personas", 14, "https://visio.cloudkicks.example/personae", "Fiches personae"),
    ("journeys", 28, "Magasin de Lyon", "Cartes d’expérience par persona"),
    ("prototypes", 42, "Siège, salle Oxford", "Maquettes e-mail et application"),
    ("plan", 56, "https://visio.cloudkicks.example/plan", "Plan d’animation et objectifs votés"),
    ("restitution", 77, "Siège, salle du conseil", "Restitution finale et feuille de route"),
)
STAKEHOLDERS = (
    ("Yasmin Ahmad", "Directrice marketing (sponsor)", ("kickoff", "plan", "restitution")),
    ("Hugo Lefèvre", "Responsable CRM", ("kickoff", "personas", "journeys", "prototypes", "plan")),
    ("Inès Moreau", "Responsable des magasins", ("personas", "journeys", "plan")),
    ("Camille Roux", "Agence digitale", ("prototypes", "plan")),
)
# The stakeholders who cast their ballot at the plan workshop, with an account of their own (no password: they
# are shown, nobody signs in as them), and the points each gave (proposal's place -> points). The demo's user,
# Yasmin, has not voted yet: the vote stays open and she may.
BALLOTS = (
    ("Hugo Lefèvre", "hugo.lefevre@cloudkicks.example", {0: 2, 1: 1}),
    ("Inès Moreau", "ines.moreau@cloudkicks.example", {2: 2, 0: 1}),
    ("Camille Roux", "camille.roux@cloudkicks.example", {1: 2, 0: 1}),
)
ACTIONS = (  # (what, channel, frequency, trigger, delay or stage, cost, owner)
    ("Newsletter des nouveautés", "email", "weekly", None, None, 0.0, "Camille Petit"),
    ("Relance panier abandonné", "email", "on_event", "panier abandonné", 1, 0.0, "Camille Petit"),
    ("SMS ventes privées", "sms", "one_off", None, None, 1800.0, "Hugo Lefèvre"),
    ("Offre de réactivation", "post", "monthly", None, "at_risk", 4200.0, "Hugo Lefèvre"),
    ("Invitation avant-première en magasin", "store", "one_off", None, "loyal", 2500.0, "Inès Moreau"),
)


@origin.acting(origin.Origin.DEMO)
def load_demo_framing(roadmap: Roadmap, *, today: date | None = None) -> Framing:
    """Create (or recreate) the demo roadmap's framing, as the operator. ``today``: the day the roadmap was
    loaded on (``load_demo``'s), which the dates move with; by default, the day its horizon implies."""
    day = today if today is not None else day_of_horizon(roadmap.start)
    shift = shift_for(day)
    written_start = HORIZON_AS_WRITTEN[0]
    with translation.override("fr"), transaction.atomic():
        Framing.objects.filter(roadmap=roadmap).delete()
        framing = services.open_framing(actor=None, roadmap=roadmap)
        framing = services.update_framing(
            actor=None, framing=framing, expected_version=framing.version,
            changes={
                "stakes": "Faire revenir les clients d’une saison à l’autre et relier le web aux magasins.",
                "scope": "France, site e-commerce, application et 42 magasins\u00a0; clients particuliers.",
                "objectives": "Un plan d’animation e-CRM sur un an et des objectifs de fidélisation votés.",
                "ceiling_per_week": 2,
            },
        )  # fmt: skip
        made = {}
        for kind, days, place, deliverable in WORKSHOPS:
            held_on = shift.work(written_start + timedelta(days=days))
            made[kind] = services.create(
                Workshop, actor=None, framing=framing, kind=kind, day=held_on, place=place,
                deliverable=deliverable, status="held" if held_on < day else "planned",
            )  # fmt: skip
        owner = User.objects.filter(email=DEMO_EMAIL, memberships__workspace=roadmap.workspace).first()
        voters = {name: _voter(roadmap, name, email) for name, email, _points in BALLOTS}
        for name, role, attends in STAKEHOLDERS:
            services.create(
                Stakeholder, actor=None, framing=framing, name=name, role=role,
                workshops=[made[kind] for kind in attends],
                member=owner if owner is not None and name == owner.display_name else voters.get(name),
            )  # fmt: skip
        moved = timedelta(days=shift.days)
        rows = [
            (customer, day + moved, amount)
            for customer, day, amount in synthetic_orders(customers=CUSTOMERS, seed=SEED)
        ]
        data = orders_csv(rows).encode()
        # The orders end before the written "today" and move by whole weeks, never further than the load day:
        # read as on that day, none is after it (an import refuses an order dated after its day).
        orders = services.read_orders_upload(data, filename="commandes-cloud-kicks.csv", today=day)
        personas = services.seed_personas(
            actor=None, roadmap=roadmap, orders=orders, filename="commandes-cloud-kicks.csv"
        )
        stages = {stage.key: stage for stage in framing.stages.all()}
        sales = shift.work(written_start + timedelta(days=30))
        for what, channel, frequency, trigger, target, cost, owner_name in ACTIONS:
            services.create(
                PlanAction, actor=None, framing=framing, what=what, channel=channel, frequency=frequency,
                owner=owner_name,
                trigger=trigger or "", delay_days=target if isinstance(target, int) else 0,
                stage=stages.get(target) if isinstance(target, str) else None,
                start=sales if frequency == "one_off" else None, cost=cost,
                persona=personas[0] if what.startswith("Newsletter") else None,
            )  # fmt: skip
        vote = services.open_vote(
            actor=None, framing=framing, title="Quels objectifs pour la feuille de route\u00a0?", points=3,
            workshop=made["plan"],
            proposals=[
                "Augmenter le taux de réachat à 12\u00a0mois",
                "Réactiver les clients à risque",
                "Faire recommander le programme par les équipes magasin",
                "Lancer l’application de fidélité",
            ],
        )  # fmt: skip
        options = list(vote.options.all())
        for name, _email, points in BALLOTS:
            services.cast(actor=voters[name], vote=vote, points={options[n].pk: p for n, p in points.items()})
    return framing


def _voter(roadmap: Roadmap, name: str, email: str) -> User:
    """The account of a stakeholder who votes, a stakeholder of the demo's workspace (made when missing)."""
    user = User.objects.filter(email=email).first() or User.objects.create_user(
        email=email, display_name=name, language="fr"
    )
    set_membership(actor=None, workspace=roadmap.workspace, user=user, role=Role.STAKEHOLDER)
    return user
