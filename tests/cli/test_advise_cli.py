"""`jalon advise` on the command line: JSON, the French and English tables, bad input (no database)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from jalon.cli import app

runner = CliRunner()


def advise(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["advise", *args], env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


def test_a_refusal_is_in_french_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JALON_LANGUAGE", raising=False)
    code, _, err = advise("--objective", "Réduire l'abandon", "--term", "bientôt")
    assert code == 2
    assert "Terme invalide" in err


def test_json_output_has_the_ranked_advice_and_sourced_benchmarks() -> None:
    code, out, _ = advise("--objective", "Réduire l'abandon de panier", "--json", "--sector", "fashion")
    assert code == 0
    data = json.loads(out)
    assert data["metric"]["id"] == "cart_abandonment_rate" and data["direction"] == "decrease"
    tactics = [t["id"] for s in data["strategies"] for t in s["tactics"]]
    assert {"abandoned-cart-email-series", "express-checkout", "trust-signals-checkout"} <= set(tactics)
    assert data["benchmarks"]["points"]
    assert all(p["source"]["url"] and p["source"]["year"] for p in data["benchmarks"]["points"])


def test_the_french_table_names_the_kpi_the_tactics_and_every_source(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JALON_LANGUAGE", "fr")
    code, out, _ = advise("--objective", "Réduire l'abandon de panier", "--sector", "fashion", "--limit", "3")
    assert code == 0
    assert "Indicateur reconnu\u00a0: Taux d’abandon de panier" in out
    assert "Séquence d’e-mails de panier abandonné" in out
    assert "Pourquoi\u00a0:" in out
    assert "https://www.salecycle.com/blog/stats/infographic-the-remarketing-report-q3-2018/" in out
    assert "Sources" in out and "Recognised" not in out


def test_lang_en_prints_english_whatever_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JALON_LANGUAGE", "fr")
    code, out, _ = advise("--objective", "Reduce cart abandonment", "--lang", "en", "--limit", "2")
    assert code == 0
    assert "Recognised KPI: Cart abandonment rate" in out
    assert "Abandoned-cart email sequence" in out
    assert "Why:" in out and "Pourquoi" not in out


def test_an_objective_with_no_known_kpi_is_ranked_by_its_words() -> None:
    code, out, _ = advise("--objective", "Documenter l'architecture des données", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["status"] == "text_only" and data["metric"] is None and data["benchmarks"] is None
    assert "data-architecture-map" in [t["id"] for s in data["strategies"] for t in s["tactics"]]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--objective", "   "], "objective"),
        (["--objective", "x" * 501], "500"),
        (["--objective", "Réduire l'abandon", "--sector", "shoes"], "--sector"),
        (["--objective", "Réduire l'abandon", "--channel", "fax"], "--channel"),
        (["--objective", "Réduire l'abandon", "--term", "soon"], "soon"),
        (["--objective", "Réduire l'abandon", "--lang", "de"], "de"),
        (["--objective", "Réduire l'abandon", "--limit", "0"], "0"),
    ],
)
def test_bad_input_is_refused_with_one_line_and_exit_status_2(
    args: list[str], message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JALON_LANGUAGE", "en")
    code, out, err = advise(*args)
    assert code == 2
    assert out == ""
    assert message in err and len(err.strip().splitlines()) == 1


def test_a_region_without_figures_says_all_regions_are_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JALON_LANGUAGE", "en")
    code, out, _ = advise("--objective", "Improve email deliverability", "--region", "fr", "--limit", "1")
    assert code == 0
    assert "Recognised KPI: Email deliverability rate" in out
    assert "No figure for this region: figures for every region are shown." in out
    assert "Validity" in out


def test_personas_and_stages_favour_the_tactics_addressing_them_and_say_so() -> None:
    base = ["--objective", "Réactiver les clients inactifs", "--lang", "en", "--json", "--limit", "10"]

    def scores(*extra: str) -> tuple[dict[str, float], list[str]]:
        code, out, _ = advise(*base, *extra)
        assert code == 0
        report = json.loads(out)
        tactics = [t for s in report["strategies"] for t in s["tactics"]]
        return {t["id"]: t["score"] for t in tactics}, [w for t in tactics for w in t["why"]]

    plain, _ = scores()
    aimed, why = scores("--persona", "lapsed-customer", "--stage", "inactive")
    assert any(aimed[t] > plain[t] for t in set(plain) & set(aimed))
    assert any(w.startswith("Addresses the roadmap's personas: Lapsed customer") for w in why), why
    assert any(w.startswith("Addresses lifecycle stages the roadmap works on:") for w in why)


def test_an_unknown_persona_kind_is_refused_with_the_valid_ones() -> None:
    code, out, err = advise("--objective", "Win back customers", "--persona", "martian", "--lang", "en")
    assert code == 2 and out == ""
    assert "--persona" in err and "vip" in err
