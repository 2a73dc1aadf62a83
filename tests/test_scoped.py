from contextvars import ContextVar

import pytest

from jalon.scoped import holding

COLOUR: ContextVar[str] = ContextVar("test_colour", default="blue")


def test_a_held_value_lasts_the_block_and_the_innermost_block_wins():
    with holding(COLOUR, "red"):
        assert COLOUR.get() == "red"
        with holding(COLOUR, "green"):
            assert COLOUR.get() == "green"
        assert COLOUR.get() == "red"
    assert COLOUR.get() == "blue"


def test_the_value_before_comes_back_when_the_block_raises():
    with pytest.raises(RuntimeError), holding(COLOUR, "red"):
        raise RuntimeError
    assert COLOUR.get() == "blue"
