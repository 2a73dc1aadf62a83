"""The knowledge files: their schema, their size, both languages everywhere, a source for every figure."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from jalon.engines.advisor_model import ReasonCode
from jalon.knowledge.loader import DATA_DIR, KnowledgeError, load_knowledge, read_yaml
from jalon.knowledge.reasons import TEMPLATES
from jalon.knowledge.schema import Goal, Strategy, Tactic

PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def raw_benchmarks() -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for path in sorted(DATA_DIR.glob("benchmarks*.yaml")):
        items += read_yaml(path)["benchmarks"]
    return items


def texts(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every text (a mapping whose only keys are languages), with its place in the file. A table keyed
    by words, like the regions (``fr`` is France there), is walked into rather than taken for a text."""
    if isinstance(node, dict):
        if node and set(node) <= {"fr", "en"}:
            yield where, node
        for key, value in node.items():
            yield from texts(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from texts(value, f"{where}[{index}]")


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def rewrite(path: Path, change: Any) -> None:
    """Load a YAML file, let ``change`` edit the data, write it back."""
    data = read_yaml(path)
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_the_packaged_files_hold_to_their_schema_and_cross_references() -> None:
    knowledge = load_knowledge()
    assert knowledge.tactics and knowledge.benchmarks


def test_the_playbook_has_at_least_15_goals_40_strategies_and_120_tactics() -> None:
    knowledge = load_knowledge()
    assert len(knowledge.goals) >= 15
    assert len(knowledge.strategies) >= 40
    assert len(knowledge.tactics) >= 120


def test_every_goal_has_strategies_and_every_strategy_has_tactics() -> None:
    knowledge = load_knowledge()
    for goal in knowledge.goals.values():
        assert any(s.goal == goal.id for s in knowledge.strategies.values()), goal.id
    for strategy in knowledge.strategies.values():
        assert knowledge.tactics_of(strategy.id), strategy.id


def test_every_tactic_says_what_it_takes_whom_it_addresses_and_how_to_see_it_work() -> None:
    for tactic in load_knowledge().tactics.values():
        assert tactic.channels and tactic.data, tactic.id
        assert tactic.effort in ("low", "medium", "high") and tactic.cost in ("low", "medium", "high")
        assert tactic.stages and tactic.personas, tactic.id
        assert tactic.kpis and tactic.prerequisites and tactic.risks, tactic.id


def test_every_benchmark_in_the_files_has_a_source_url_and_year() -> None:
    """Read the raw files, not the models: a figure without URL or year must never reach a page."""
    for item in raw_benchmarks():
        source = item.get("source") or {}
        assert re.match(r"^https?://\S+$", str(source.get("url", ""))), item["id"]
        assert isinstance(source.get("year"), int) and 1990 <= source["year"] <= 2100, item["id"]
        assert source.get("publisher") and source.get("title") and source.get("passage"), item["id"]
        assert source.get("read_on") and source.get("sample"), item["id"]


def test_a_benchmark_without_a_source_url_is_refused(data_copy: Path) -> None:
    def drop_url(data: dict[str, Any]) -> None:
        del data["benchmarks"][0]["source"]["url"]

    rewrite(data_copy / "benchmarks.yaml", drop_url)
    with pytest.raises(KnowledgeError) as error:
        load_knowledge(data_copy)
    assert any("source.url" in problem for problem in error.value.problems)


def test_a_benchmark_without_a_source_year_is_refused(data_copy: Path) -> None:
    def drop_year(data: dict[str, Any]) -> None:
        del data["benchmarks"][3]["source"]["year"]

    rewrite(data_copy / "benchmarks.yaml", drop_year)
    with pytest.raises(KnowledgeError) as error:
        load_knowledge(data_copy)
    assert any("source.year" in problem for problem in error.value.problems)


def test_a_benchmark_outside_its_unit_range_is_refused(data_copy: Path) -> None:
    def impossible_rate(data: dict[str, Any]) -> None:
        data["benchmarks"][0]["value"] = 170.0  # a percentage

    rewrite(data_copy / "benchmarks.yaml", impossible_rate)
    with pytest.raises(KnowledgeError) as error:
        load_knowledge(data_copy)
    assert any("outside 0.0..100.0" in problem for problem in error.value.problems)


def test_every_text_in_the_files_is_written_in_french_and_in_english() -> None:
    missing = []
    for path in sorted(DATA_DIR.glob("*.yaml")):
        for where, node in texts(read_yaml(path)):
            for lang in ("fr", "en"):
                value = node.get(lang)
                if not value or (isinstance(value, str) and not value.strip()):
                    missing.append(f"{path.name}{where}.{lang}")
    assert missing == []


def test_a_playbook_text_missing_its_english_version_is_refused(data_copy: Path) -> None:
    target = next(data_copy.glob("tactics-*.yaml"))

    def drop_english(data: dict[str, Any]) -> None:
        del data["tactics"][0]["description"]["en"]

    rewrite(target, drop_english)
    with pytest.raises(KnowledgeError) as error:
        load_knowledge(data_copy)
    assert any("description.en" in problem for problem in error.value.problems)


def test_a_playbook_text_left_empty_in_french_is_refused(data_copy: Path) -> None:
    def empty_french(data: dict[str, Any]) -> None:
        data["goals"][0]["title"]["fr"] = "   "

    rewrite(data_copy / "goals.yaml", empty_french)
    with pytest.raises(KnowledgeError) as error:
        load_knowledge(data_copy)
    assert any("title.fr" in problem for problem in error.value.problems)


def test_descriptions_are_translated_not_copied_between_languages() -> None:
    knowledge = load_knowledge()
    items: list[Goal | Strategy | Tactic] = [
        *knowledge.goals.values(),
        *knowledge.strategies.values(),
        *knowledge.tactics.values(),
    ]
    copied = [item.id for item in items if item.description.fr == item.description.en]
    assert copied == []


def test_a_tactic_naming_an_unknown_strategy_or_channel_is_refused(data_copy: Path) -> None:
    target = next(data_copy.glob("tactics-*.yaml"))

    def break_references(data: dict[str, Any]) -> None:
        data["tactics"][0]["strategies"] = ["no-such-strategy"]
        data["tactics"][1]["channels"] = ["carrier-pigeon"]

    rewrite(target, break_references)
    with pytest.raises(KnowledgeError) as error:
        load_knowledge(data_copy)
    problems = " ".join(error.value.problems)
    assert "unknown strategy 'no-such-strategy'" in problems
    assert "unknown channel 'carrier-pigeon'" in problems


def test_unknown_keys_are_errors(data_copy: Path) -> None:
    def add_key(data: dict[str, Any]) -> None:
        data["metrics"][0]["colour"] = "blue"

    rewrite(data_copy / "metrics.yaml", add_key)
    with pytest.raises(KnowledgeError) as error:
        load_knowledge(data_copy)
    assert any("colour" in problem for problem in error.value.problems)


def test_every_metric_has_synonyms_in_both_languages() -> None:
    for metric in load_knowledge().metrics.values():
        assert metric.synonyms.fr and metric.synonyms.en, metric.id


def test_every_reason_has_a_french_and_an_english_sentence_with_the_same_placeholders() -> None:
    assert set(TEMPLATES) == set(ReasonCode)
    for code, (french, english) in TEMPLATES.items():
        assert french.strip() and english.strip() and french != english, code
        assert sorted(PLACEHOLDER.findall(french)) == sorted(PLACEHOLDER.findall(english)), code


def test_sources_that_disagree_are_both_kept() -> None:
    """Oberlo's home-and-furniture conversion rate moved from 6.3 % to 0.95 %: both stay, with their year."""
    benchmarks = load_knowledge().benchmarks
    home = [b for b in benchmarks.values() if b.metric == "conversion_rate" and b.sector == "home"]
    assert {b.value for b in home} == {6.3, 0.95}


def test_every_cost_level_has_a_band_in_euros_rising_from_low_to_high() -> None:
    bands = load_knowledge().vocabulary.cost_bands
    assert [(bands[k].low, bands[k].high) for k in ("low", "medium", "high")] == [
        (0, 5000),
        (5000, 30000),
        (30000, 100000),
    ]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda bands: bands.pop("high"), "no band for the level 'high'"),
        (lambda bands: bands["medium"].update(low=1000), "without overlapping"),
        (lambda bands: bands["low"].update(low=6000), "low must be below high"),
    ],
)
def test_a_missing_overlapping_or_upside_down_cost_band_is_refused(
    data_copy: Path, change: Any, problem: str
) -> None:
    rewrite(data_copy / "vocabulary.yaml", lambda data: change(data["vocabulary"]["cost_bands"]))
    with pytest.raises(KnowledgeError) as error:
        load_knowledge(data_copy)
    assert any(problem in item for item in error.value.problems), error.value.problems


def test_no_word_of_the_playbook_folds_onto_a_verb_that_says_nothing_of_the_subject() -> None:
    """The advisor drops faire, make, do… from the words that rank the playbook (``subject_words``): each
    word of the playbook that folds onto one of them must be one of those verbs' forms, not a word with a
    subject that happens to fold alike (« pris » and « prix » would both fold to « pri »)."""
    from jalon.engines.metric_match import CONTENT_FREE_VERB_FORMS, CONTENT_FREE_VERBS, stem
    from jalon.engines.smart_text import normalize
    from jalon.knowledge.engine_input import playbook

    book = playbook(load_knowledge())
    texts = [
        *(w for g in book.goals for w in g.words),
        *(w for s in book.strategies for w in s.words),
        *(w for t in book.tactics for w in t.words),
    ]
    folded_alike = {
        word
        for text in texts
        for word in re.findall(r"[a-z0-9]+", normalize(text))
        if stem(word) in CONTENT_FREE_VERBS and word not in CONTENT_FREE_VERB_FORMS
    }
    assert folded_alike == set()


def test_a_phrase_that_is_both_a_synonym_and_an_opposite_of_a_metric_is_refused(data_copy: Path) -> None:
    def contradict(data: dict[str, Any]) -> None:
        metric = next(m for m in data["metrics"] if m["id"] == "reactivation_rate")
        metric["opposites"]["en"].append(metric["synonyms"]["en"][0])

    rewrite(data_copy / "metrics.yaml", contradict)
    with pytest.raises(KnowledgeError) as error:
        load_knowledge(data_copy)
    assert any("both a synonym and an opposite" in problem for problem in error.value.problems)
