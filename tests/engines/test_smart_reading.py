"""The SMART coach reads objectives as people write them (issue 17): styles, numbers, dates, reasons."""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path

import pytest

from jalon.engines.smart import CoachContext, Verdict, coach, coach_many
from jalon.engines.smart_lexicon import FIXER
from jalon.engines.smart_text import Prepared

pytestmark = pytest.mark.engine

FIXTURES = Path(__file__).parent / "fixtures"
CRITERIA = ("specific", "measurable", "time_bound", "relevant")
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
from smart_corpus import held_out  # noqa: E402


def judge(text: str, lang: str = "fr", today: str = "2026-03-10", fy: int = 1, **context: object) -> Verdict:
    ctx = CoachContext(**context) if context else None  # type: ignore[arg-type]
    return coach(text, lang=lang, today=date.fromisoformat(today), fiscal_year_start_month=fy, context=ctx)  # type: ignore[arg-type]


def _rows(name: str) -> list[dict[str, object]]:
    path = FIXTURES / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# --- the corpus ------------------------------------------------------------------------------------


def test_the_corpus_holds_500_labelled_objectives_in_both_languages_with_a_held_out_third() -> None:
    rows = _rows("smart_corpus.jsonl")
    assert len(rows) >= 500
    assert {row["lang"] for row in rows} == {"fr", "en"}
    assert len({row["id"] for row in rows}) == len(rows)
    held = [row for row in rows if held_out(str(row["id"]))]
    assert 0.28 <= len(held) / len(rows) <= 0.38
    for criterion in CRITERIA:
        assert {row["labels"][criterion] for row in held} == {True, False}  # type: ignore[index]
    for row in rows:
        assert (row["deadline"] is not None) == row["labels"]["time_bound"]  # type: ignore[index]


@pytest.mark.parametrize("criterion", (*CRITERIA, "deadline"))
def test_the_development_rows_are_read_right_at_least_97_percent_of_the_time(criterion: str) -> None:
    rows = [row for row in _rows("smart_corpus.jsonl") if not held_out(str(row["id"]))]
    rows += _rows("smart_probe.jsonl")
    verdicts = coach_many(rows)
    if criterion == "deadline":
        right = sum(
            (v.deadline.isoformat() if v.deadline else None) == row["deadline"]
            for v, row in zip(verdicts, rows, strict=True)
        )
    else:
        right = sum(
            getattr(v, criterion).ok == row["labels"][criterion]  # type: ignore[index]
            for v, row in zip(verdicts, rows, strict=True)
        )
    assert right / len(rows) >= 0.97


# --- styles: who writes, and how ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("We want to grow MQLs by 20% by the end of Q3 2026 so sales has more pipeline.", "en"),
        ("To grow our email list to 25,000 subscribers by September 2026 in order to cut ad costs.", "en"),
        ("Acme will cut its customer acquisition cost to $45 by June 30, 2027 to protect margins.", "en"),
        ("je veux 500 inscrits au webinaire d ici fin juin 2026 pour remplir le pipe commercial", "fr"),
        ("Notre objectif est de décrocher 400 rendez-vous en 6 mois, car c'est là que naît la vente.", "fr"),
        ("Augmentez de 15 % les ventes en ligne d'ici fin 2026 pour compenser la baisse en magasin.", "fr"),
        ("Q4 2026: 1,200 marketing-qualified leads, to feed the sales pipeline.", "en"),
    ],
)
def test_first_person_imperative_fragment_and_company_styles_are_fully_smart(text: str, lang: str) -> None:
    verdict = judge(text, lang, today="2026-03-04")
    assert verdict.specific.ok and verdict.measurable.ok and verdict.time_bound.ok and verdict.relevant.ok


def test_a_named_metric_without_a_number_is_specific_but_not_measurable() -> None:
    verdict = judge("Le taux d'ouverture doit remonter.")
    assert (verdict.specific.ok, verdict.measurable.ok) == (True, False)


def test_an_awareness_or_image_aspiration_is_not_specific_but_a_measured_awareness_is() -> None:
    assert judge("Increase brand awareness by year end.", "en").specific.ok is False
    assert judge("Moderniser notre image de marque d'ici le T2.").specific.ok is False
    measured = judge("Gagner 10 points de notoriété spontanée d'ici le T4 2026.")
    assert (measured.specific.ok, measured.measurable.ok) == (True, True)


@pytest.mark.parametrize(
    ("text", "lang", "measurable"),
    [
        ("Hire a growth marketer by Q4.", "en", True),
        ("Open a pop-up store in Lyon before June 20.", "en", True),
        ("Mise en production des nouveaux paliers de fidélité le 2026-12-15.", "fr", True),
        ("Build thought leadership on LinkedIn.", "en", False),
        ("Créer le buzz autour du lancement de printemps.", "fr", False),
        ("Develop partnerships with influencers.", "en", False),
    ],
)
def test_a_concrete_deliverable_is_measurable_and_a_vague_one_is_not(
    text: str, lang: str, measurable: bool
) -> None:
    verdict = judge(text, lang)
    assert verdict.measurable.ok is measurable
    assert verdict.specific.ok is measurable


# --- numbers that are not targets --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Our organic traffic is currently 40,000 visits a month; we want to grow it.",
        "Augmenter notre chiffre d'affaires, qui était de 1,2 M€ l'an dernier.",
        "Reduce churn from 5% a month.",
        "With a budget of €20k, grow our Instagram followers by the end of Q2.",
        "Increase sales of our €49 starter kit.",
        "Increase conversions on the 12 landing pages we redesigned.",
        "Increase the number of 5-star reviews by Q3.",
        "Cibler les 25-34 ans pour augmenter les installations de l'appli.",
    ],
)
def test_a_baseline_budget_price_scope_or_qualifier_is_not_a_target(text: str) -> None:
    verdict = judge(text, "en" if text[0] in "ORWI" else "fr")
    assert verdict.measurable.ok is False
    assert verdict.target is None


def test_a_baseline_given_beside_the_target_is_kept_as_evidence() -> None:
    verdict = judge("Get the conversion rate to 3.5% - right now it's 2.1% - by June 2026.", "en")
    assert verdict.target is not None and verdict.target.value == 3.5
    assert verdict.evidence.target_level is None or verdict.evidence.target_level == 3.5


# --- dates ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "today", "fy", "deadline"),
    [
        ("Between April and June, bring CPA down to €35.", "en", "2026-04-01", 1, "2026-06-30"),
        ("Du 1er au 30 novembre 2026, collecter 5 000 inscriptions.", "fr", "2026-10-15", 1, "2026-11-30"),
        ("From Q2 to Q3 2027, grow app users to 60,000.", "en", "2026-12-01", 1, "2027-09-30"),
        ("Over a period of 9 months, reach €500k in sales.", "en", "2026-01-12", 1, "2026-10-12"),
        ("Sur une période de 9 mois, atteindre 500 k€ de ventes.", "fr", "2026-01-12", 1, "2026-10-12"),
        ("Roll out the preference center within 8 weeks.", "en", "2026-06-01", 1, "2026-07-27"),
        ("Push average order value to €80 next quarter.", "en", "2026-09-21", 1, "2026-12-31"),
        ("Pousser le panier moyen à 80 € au prochain trimestre.", "fr", "2026-11-03", 4, "2027-03-31"),
        ("Deliver 900 SQLs by the end of Q2.", "en", "2026-10-01", 10, "2027-03-31"),
        ("Cut review response time to 24 hours by mid-July 2027.", "en", "2027-02-15", 1, "2027-07-15"),
        ("Produce 12 testimonial videos. Deadline: 30 April 2027.", "en", "2026-12-09", 1, "2027-04-30"),
        ("5 000 abonnés payants fin 2026.", "fr", "2026-02-16", 1, "2026-12-31"),
        ("Grow the email list +30% in Q1'27.", "en", "2026-11-30", 1, "2027-03-31"),
        (
            "Six months from now, 20% of checkouts include a loyalty sign-up.",
            "en",
            "2026-05-29",
            1,
            "2026-11-29",
        ),
    ],
)
def test_ranges_relative_periods_and_quarter_names_resolve(
    text: str, lang: str, today: str, fy: int, deadline: str
) -> None:
    verdict = judge(text, lang, today=today, fy=fy)
    assert verdict.deadline is not None and verdict.deadline.isoformat() == deadline


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Get net revenue retention to 110% to reach our 2027 growth plan.", "en"),
        ("Collect 250 demo requests at the booth to support the Q4 sales target.", "en"),
        ("Porter la rétention à 110 % pour tenir notre plan de croissance 2027.", "fr"),
        ("Sign up 120 leads within 30 days of the event.", "en"),
        ("Lift the sign-up rate to 4% within three months of the site relaunch.", "en"),
    ],
)
def test_a_year_in_the_reason_or_a_period_counted_from_an_undated_event_is_no_deadline(
    text: str, lang: str
) -> None:
    assert judge(text, lang).time_bound.ok is False


# --- reasons ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Improve trial-to-paid conversion by Q4 2026 to grow MRR.", "en"),
        ("Raise AOV to $75 by year end to grow GMV.", "en"),
        ("Lift the open rate to 30% by October 2026 to boost reveune from email.", "en"),
        ("Porter le taux de conversion à 4 % sous 6 mois pour augmenter le chifre d'affaire.", "fr"),
        ("Atteindre 20 000 membres d'ici fin 2026 pour booster les vente.", "fr"),
        ("Grow trial sign-ups by 25% by Q3. This will feed the sales pipeline.", "en"),
        ("Because repeat customers spend more, grow the loyalty base to 20,000 members.", "en"),
    ],
)
def test_reasons_with_abbreviations_typos_or_in_their_own_sentence_are_relevant(text: str, lang: str) -> None:
    assert judge(text, lang).relevant.ok is True


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Launch a TikTok account before year end because our competitors all have one.", "en"),
        ("Publier 24 Reels dans les 3 prochains mois car le PDG l'a demandé.", "fr"),
        ("Publish 12 blog articles by end of Q1 to drive traffic to the site.", "en"),
        ("Get 500 visitors to sign up for the newsletter by November.", "en"),
    ],
)
def test_a_reason_that_names_no_business_stake_is_not_relevant(text: str, lang: str) -> None:
    assert judge(text, lang).relevant.ok is False


def test_spelling_is_repaired_for_reading_but_quoted_as_written() -> None:
    prepared = Prepared.of("Genrate 500 leads by octobr 2026 to fill the pipline.", FIXER)
    assert "generate" in prepared.text and "october" in prepared.text and "pipeline" in prepared.text
    start = prepared.text.index("pipeline")
    assert prepared.source(start, start + len("pipeline")) == "pipline"
    verdict = judge("Genrate 500 leads by octobr 2026 to fill the pipline.", "en")
    assert verdict.deadline == date(2026, 10, 31)


# --- the reader's language, rule words, one source of truth, bounded projections -------------------------


def test_reasons_and_suggestion_follow_the_reader_not_the_statement() -> None:
    text = "Augmenter le taux de clic des bannières display."
    verdict = coach(text, lang="en", today=date(2026, 3, 10))
    assert verdict.language == "fr"
    assert verdict.specific.reason.startswith("Names what changes")
    assert verdict.suggestion.startswith("Move “")
    assert "business reason" in verdict.suggestion
    assert not re.search(r"\b(?:d['’]ici|afin|pour)\b", verdict.measurable.reason)


@pytest.mark.parametrize(
    ("text", "fy", "label"),
    [
        ("Rédiger la charte d'ici juillet 2027.", 1, "fin juillet 2027 (fin de mois)"),
        ("Lancer l'appli d'ici la fin de l'exercice.", 2, "31 janvier 2027 (fin de l’exercice)"),
        ("Lancer l'appli d'ici fin T2.", 2, "31 juillet 2026 (fin du T2 de l’exercice)"),
        ("Lancer l'appli d'ici le T3 2027.", 1, "30 septembre 2027 (fin du T3 2027)"),
        ("Lancer l'appli d'ici 45 jours.", 1, "24 avril 2026 (dans 45\u00a0jours)"),
        ("Lancer l'appli le 1er octobre 2026.", 1, "1er octobre 2026 (date fixée)"),
    ],
)
def test_a_deadline_is_told_in_words_never_as_a_rule_code(text: str, fy: int, label: str) -> None:
    verdict = judge(text, fy=fy)
    assert verdict.deadline_label == label
    assert label in verdict.time_bound.reason
    assert not re.search(r"[a-z]+_[a-z_]+(?::|\b)", verdict.time_bound.reason)


def test_the_fields_win_over_the_text_and_every_disagreement_is_said() -> None:
    verdict = judge(
        "Atteindre 60 % de taux d'ouverture d'ici fin 2026, pour les ventes.",
        target=58.0,
        unit="%",
        baseline=40.0,
        deadline=date(2027, 1, 31),
        kpi_name="Taux d'ouverture",
        kpi_target=55.0,
        kpi_unit="%",
    )
    assert verdict.target is not None and verdict.target.value == 58
    assert verdict.deadline == date(2027, 1, 31)
    assert len(verdict.conflicts) == 3
    assert any("60\u00a0%" in c and "58\u00a0%" in c for c in verdict.conflicts)
    assert any("55\u00a0%" in c for c in verdict.conflicts)


def test_a_projection_is_stopped_at_100_percent_and_says_how_it_was_made() -> None:
    history = [(date(2026, 8, 31), 10.0), (date(2026, 9, 30), 25.0), (date(2026, 10, 31), 40.0)]
    verdict = judge(
        "Auditer et documenter le parcours d'achat (100 %) d'ici le 31 juillet 2027.",
        today="2026-11-24",
        history=history,
        baseline=0.0,
        unit="%",
        target=100.0,
    )
    assert verdict.evidence.projected == 100
    assert verdict.evidence.projection_bounded is True
    assert "limite de 100\u00a0%" in verdict.achievable.reason and "3 mesures" in verdict.achievable.reason
