"""Keys are made from titles: unique in their scope, never a word the addresses use."""

from __future__ import annotations

from jalon.keys import KEY_MAX_LENGTH, RESERVED_KEYS, derive_key


def test_a_key_is_the_title_in_lower_case_ascii_words() -> None:
    assert derive_key("Lancer l'été !", set()) == "lancer-lete"
    assert derive_key("Taux de conversion (%)", set()) == "taux-de-conversion"


def test_a_taken_key_gets_the_next_free_number() -> None:
    assert derive_key("Lancement", {"lancement"}) == "lancement-2"
    assert derive_key("Lancement", {"lancement", "lancement-2"}) == "lancement-3"


def test_a_reserved_word_is_never_a_key() -> None:
    assert {"new", "edit", "delete"} <= RESERVED_KEYS
    assert derive_key("New", set()) == "new-2"
    assert derive_key("Edit", {"edit-2"}) == "edit-3"


def test_a_title_without_letters_or_digits_gets_the_kinds_initial_and_a_number() -> None:
    assert derive_key("!!! ???", set(), fallback="objective") == "o-1"
    assert derive_key("", {"t-1"}, fallback="tactic") == "t-2"
    assert derive_key("🚀🚀", {"r-1", "r-2"}, fallback="roadmap") == "r-3"


def test_a_long_title_leaves_room_for_the_number() -> None:
    key = derive_key("mot " * 40, {derive_key("mot " * 40, set())})
    assert key.endswith("-2")
    assert len(key) <= KEY_MAX_LENGTH


def test_a_name_in_another_script_gets_the_kinds_initial_then_numbers() -> None:
    assert derive_key("王伟", set(), fallback="person") == "p-1"
    assert derive_key("李娜", {"p-1"}, fallback="person") == "p-2"


def test_underscores_in_a_title_become_hyphens_as_a_jalon_file_writes_keys() -> None:
    assert derive_key("plan_media__2027", set()) == "plan-media-2027"
    assert derive_key("_", set(), fallback="risk") == "r-1"


def test_a_dash_or_a_slash_between_two_words_keeps_them_apart() -> None:
    """« Digital transformation 2027–2029 » was keyed ``digital-transformation-20272029``: the en dash that
    people type between two years (and a slash, an em dash) separates the words as a hyphen does."""
    assert derive_key("Digital transformation 2027–2029", set()) == "digital-transformation-2027-2029"
    assert derive_key("Plan média 2027/2028", set()) == "plan-media-2027-2028"
    assert derive_key("Marque — notoriété", set()) == "marque-notoriete"
