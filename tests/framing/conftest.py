"""Orders files, and a vote its participants voted on, for the framing tests."""

from __future__ import annotations

import pytest

from jalon.demo.orders import synthetic_orders
from jalon.documents.orders_file import orders_csv
from jalon.framing import services
from jalon.framing.models import Stakeholder, Vote, Workshop
from tests.factories import Team, make_roadmap


@pytest.fixture(scope="session")
def orders_bytes() -> bytes:
    """A French orders file (client;date;montant) of 400 synthetic shoe-shop customers."""
    return orders_csv(synthetic_orders(customers=400, seed=3)).encode()


@pytest.fixture(scope="session")
def odd_headers_bytes() -> bytes:
    """The same kind of orders under headers the reader cannot place (the mapping must be asked)."""
    rows = synthetic_orders(customers=200, seed=4)
    lines = ["who,when,paid"] + [f"{c},{d.isoformat()},{a:.2f}" for c, d, a in rows]
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def vote(team: Team) -> Vote:
    """A vote at the plan workshop, which the stakeholder and the viewer attend; both have voted."""
    roadmap = make_roadmap(team.workspace, team.owner)
    framing = services.open_framing(actor=team.owner, roadmap=roadmap)
    workshop = services.create(Workshop, actor=team.owner, framing=framing, kind="plan")
    for name, role in (("Inès", "stakeholder"), ("Hugo", "viewer")):
        services.create(
            Stakeholder, actor=team.owner, framing=framing, name=name, member=team.users[role],
            workshops=[workshop],
        )  # fmt: skip
    opened = services.open_vote(
        actor=team.owner, framing=framing, title="Priorités", points=3, workshop=workshop,
        proposals=["Fidélité", "Panier"],
    )  # fmt: skip
    fidelity, basket = (o.pk for o in opened.options.all())
    services.cast(actor=team.users["stakeholder"], vote=opened, points={fidelity: 3})
    services.cast(actor=team.users["viewer"], vote=opened, points={basket: 1})
    return opened
