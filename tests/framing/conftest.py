"""Orders files and a roadmap for the framing tests."""

from __future__ import annotations

import pytest

from jalon.demo.orders import synthetic_orders
from jalon.documents.orders_file import orders_csv


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
