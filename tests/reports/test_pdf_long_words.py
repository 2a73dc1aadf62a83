"""Every table of the PDF keeps what people typed inside its cells, whatever its length: Cloud Kicks (with its
framing and a review) with one long word in every column a person types — titles, owners, units, sources,
channels, places, names — read back by pdftotext (where each word lies on its page) and drawn by pdftoppm.

A unit of 30 characters (the longest a unit holds) printed beside its number in one unbreakable piece ran
out of the SMART table's measure column over the coach's verdicts, and out of the review's table."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.reports.conftest import TODAY, keep_pages, run
from tests.reports.pdf_words import overlapping_words, words_of

pytestmark = pytest.mark.django_db

UNIT = "Abonnementsmensuelsrenouvelés"[:30].ljust(30, "s")  # 30 characters, the unit's longest, one word


def word(prefix: str, n: int = 0, length: int = 40) -> str:
    """A one-word text of ``length`` characters, told apart by ``n`` (titles are unique in a roadmap)."""
    return f"{prefix}{n:02d}".ljust(length, "x")


def lengthen(roadmap: Any) -> None:
    """Every text a person types in a column of the PDF's tables becomes one long word (the ORM's update:
    what is tested is what prints, not the forms, which accept these texts as well)."""
    from jalon.framing.models import Persona, PlanAction, Prototype, VoteOption, Workshop
    from jalon.planning.models import Activity, Milestone, Person, Theme
    from jalon.planning.registers.models import CommunicationItem, Risk
    from jalon.planning.reviews.services import create_review
    from jalon.strategy.models import KPI, Objective

    def each(model: Any, rows: Any, **fields: str) -> None:
        for n, row in enumerate(rows):
            model.objects.filter(pk=row.pk).update(**{name: word(p, n) for name, p in fields.items()})

    each(Objective, roadmap.objectives.all(), title="Objectif", metric="Métrique", owner="Responsable")
    roadmap.objectives.update(unit=UNIT)
    each(KPI, KPI.objects.filter(objective__roadmap=roadmap), name="Indicateur", owner="Propriétaire")
    KPI.objects.filter(objective__roadmap=roadmap).update(unit=UNIT)
    each(Theme, roadmap.themes.all(), name="Thématique")
    each(Milestone, roadmap.milestones.all(), title="Jalon")
    each(Activity, roadmap.activities.all(), title="Activité")
    each(Person, roadmap.people.all(), name="Personne")
    each(Risk, Risk.objects.filter(roadmap=roadmap), title="Risque", owner="Porteur", contingency="Secours")
    each(CommunicationItem, CommunicationItem.objects.filter(roadmap=roadmap), message="Message",
         channel="Canal", owner="Émetteur")  # fmt: skip
    framing = roadmap.framing
    each(Workshop, framing.workshops.all(), place="Lieu", deliverable="Livrable")
    each(Persona, framing.personas.all(), name="Persona", segment="Segment")
    each(PlanAction, framing.actions.all(), what="Action")
    each(PlanAction, framing.actions.exclude(trigger=""), trigger="Déclencheur")
    each(Prototype, framing.prototypes.all(), title="Prototype", file_name="Fichier", comments="Commentaire")
    each(VoteOption, VoteOption.objects.filter(vote__framing=framing), title="Proposition")
    create_review(actor=None, roadmap=roadmap, key="revue", title=word("Revue"), held_on=TODAY,
                  decisions=word("Décision"))  # fmt: skip


@pytest.mark.parametrize("language", ["fr", "en"])
def test_long_words_in_every_column_stay_inside_their_cells_and_the_page(
    framed: Any, language: str, tmp_path: Path
) -> None:
    from jalon.reports.options import ReportOptions
    from jalon.reports.services import render_report

    roadmap = framed.roadmap
    lengthen(roadmap)
    pdf = tmp_path / "report.pdf"
    options = ReportOptions(language=language)
    made = render_report(actor=None, roadmap=roadmap, fmt="pdf", options=options, today=TODAY)
    pdf.write_bytes(made.content)
    pages = run("pdfinfo", pdf).stdout.decode()
    count = int(re.search(r"Pages:\s+(\d+)", pages).group(1))  # type: ignore[union-attr]
    keep_pages(pdf, {f"p{n:02d}": n for n in range(3, count + 1)}, tmp_path, f"long-words-{language}")
    words = words_of(pdf)
    # 16 mm of right margin on a portrait page, 12 mm on a landscape one: nothing prints in it.
    margin = {595: 16, 841: 12, 842: 12}
    past = [(p, text) for p, width, _x0, _y0, x1, _y1, text in words
            if x1 > width - margin[round(width)] * 72 / 25.4 + 1]  # fmt: skip
    assert past == []
    assert overlapping_words(words) == []
    text = " ".join(w[-1] for w in words)
    for typed in (UNIT[:12], "Objectif00", "Indicateur00", "Thématique00", "Risque00", "Canal00", "Persona00",
                  "Proposition00", "Lieu00", "Personne00", "Jalon00", "Revue00"):  # fmt: skip
        assert typed in text, typed
