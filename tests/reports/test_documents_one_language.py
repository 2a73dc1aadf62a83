"""One language per file, as per page: every file Jalon writes for a roadmap (the PDF report with every
section and with each built-in preset, the deck, the Markdown, the calendar, the workbook, the backlog as CSV
and XLSX, the animation plan's calendar, the risk matrix), in French and in English, opened by a real reader,
holds no interface word of the other language (the demo's own French content aside), and the French files
follow French typography."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from jalon.typography import french
from tests.one_language import demo_texts, giveaways, interface_text
from tests.reports.documents_made import Made, framing_texts, make_every_file

# The database is made for the module's fixture; the module is in the xdist group of the tests that read a
# ``document`` (tests/reports/conftest.py): one worker makes the files (some 30, PDFs and decks included)
# once, the eight documents with every section shared with those tests.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("documents")]

MONTHS = {
    "fr": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Dec", "Q1",
           "Q2", "Q3", "Q4", "FY2027"),
    "en": ("janvier", "février", "mars", "avril", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre", "janv.", "févr.", "avr.", "juil.", "déc.", "T1", "T2", "T3", "T4", "1er"),
}  # fmt: skip
# Words of the documents' own interface beyond the pages' list: table headers, statuses, units, verdicts.
WORDS = {
    "fr": ("Key", "Title", "Name", "Target", "Baseline", "Unit", "Value", "Contents", "Activity",
           "Activities", "Milestone", "Planned", "Done", "Idea", "In progress", "Dropped", "Spent",
           "Committed", "yes", "no", "Deadline", "Budget spent", "person-days", "to", "on", "by", "from"),
    "en": ("Clé", "Titre", "Nom", "Cible", "Valeur", "Unité", "Sommaire", "Activité", "Activités", "Jalon",
           "Planifiée", "Terminée", "Idée", "En cours", "Abandonnée", "Dépensé", "Engagé", "oui", "non",
           "jours-personne", "le", "la", "du", "de", "et", "au", "par", "jours"),
}  # fmt: skip
# The SMART criteria, after the mark « ? » (cannot judge) that a Markdown table puts before them on one line.
CRITERIA = ("Spécifiques", "Mesurables", "Atteignables et réalistes", "Pertinents", "Délimités dans le temps")


@pytest.fixture(scope="module")
def files(django_db_setup, django_db_blocker) -> Iterator[tuple[list[Made], tuple[str, ...]]]:
    """Every file, made once for the module from Cloud Kicks and its framing (rolled back afterwards)."""
    from django.db import transaction

    from jalon.demo.dates import AS_WRITTEN
    from jalon.demo.loader import load_demo
    from tests.conftest import DEMO_PASSWORD
    from tests.reports.conftest import frame

    with django_db_blocker.unblock(), transaction.atomic():
        roadmap = load_demo(password=DEMO_PASSWORD, today=AS_WRITTEN).roadmap
        frame(roadmap)
        yield make_every_file(roadmap), framing_texts(roadmap)
        transaction.set_rollback(True)


def made_in(files: tuple[list[Made], tuple[str, ...]], language: str) -> list[Made]:
    made = [m for m in files[0] if m.language == language]
    assert len(made) == 16 and all(m.text.strip() for m in made), [m.name for m in made]
    return made


def unquoted(text: str) -> str:
    """An English file quotes the user's French words “like this” (the coach's reasons): data, taken out."""
    return re.sub(r"“[^”]*”", " ", text)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_file_holds_no_interface_word_of_the_other_language(files, language) -> None:
    faults = []
    for made in made_in(files, language):
        text = unquoted(made.text) if language == "en" else made.text
        words = giveaways(text, language, words=WORDS[language] + MONTHS[language], content=files[1])
        faults += [f"{made.name} ({language}): {word}" for word in words]
    assert not faults, "\n".join(faults)


def lines(made: Made) -> Iterator[str]:
    """The file's lines of prose: a CSV row is split into its cells."""
    for text in made.texts:
        for line in text.split("\n"):
            yield from (line.split(";") if made.name.endswith("CSV") else [line])


NUMBERS = (
    (re.compile(r"\d[ \u00a0]\d{3}(?!\d)"), "thousands without a narrow no-break space"),
    (re.compile(r"\d\.\d"), "a decimal point"),
    (re.compile(r"\d ?[%€]"), "a number without a no-break space before its unit"),
    (re.compile(r"(?<!\d)1 (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|"
                r"décembre)"), "the first of a month without « er »"),
)  # fmt: skip


def french_typography_faults(made: Made, content: tuple[str, ...]) -> list[str]:
    """The lines that break the catalogue's rule; and the numbers of the interface (the demo's own texts
    aside: its users typed « 2 % ») written otherwise than ``jalon.formatting`` writes them."""
    faults = []
    for line in lines(made):
        if made.name.startswith("md"):
            line = re.sub(rf"(?<= )\? (?=({'|'.join(CRITERIA)}))", "", line)  # the mark, not a question
        if made.name.startswith("pdf"):  # pdftotext reads a no-break space as a space: see the next test
            continue
        if french(line) != line:
            faults.append(f"{made.name}: {line!r}")
        ours = line
        for written in (*content, *demo_texts()):
            ours = ours.replace(written, " ")
        faults += [f"{made.name}: {what} in {line!r}" for pattern, what in NUMBERS if pattern.search(ours)]
    return faults


def test_the_french_files_follow_french_typography(files) -> None:
    faults = [fault for made in made_in(files, "fr") for fault in french_typography_faults(made, files[1])]
    assert not faults, "\n".join(dict.fromkeys(faults))


def test_the_french_pdf_never_breaks_a_line_before_a_colon_a_percent_or_inside_guillemets(files) -> None:
    """What the no-break spaces are for: PDF lines as pdftotext reads them never start with « : ; ! ? % € » »
    nor end with « ; thousands and decimals stay together."""
    faults = []
    for made in made_in(files, "fr"):
        if not made.name.startswith("pdf"):
            continue
        for line in made.text.split("\n"):
            line = re.sub(rf"^\? (?=({'|'.join(CRITERIA)}))", "", line)  # the mark « cannot judge »
            if re.match(r"\s*[:;!?%€»]", line) or re.search(r"«\s*$", line):
                faults.append(f"{made.name}: {line!r}")
    assert not faults, "\n".join(dict.fromkeys(faults))


ENGLISH_NUMBERS = (
    (re.compile(r"[\u00a0\u202f][:;!?%]|«|»"), "French spacing or guillemets"),
    (re.compile(r"\d,\d{1,2}(?!\d)"), "a decimal comma"),
    (re.compile(r"\d\u202f\d{3}"), "French thousands"),
)


def test_the_english_files_write_english_numbers_and_punctuation(files) -> None:
    faults = []
    for made in made_in(files, "en"):
        if made.name.endswith("CSV"):  # commas between cells; its numbers are checked by the backlog's tests
            continue
        text = interface_text(unquoted(made.text), files[1])
        faults += [f"{made.name}: {what}" for pattern, what in ENGLISH_NUMBERS if pattern.search(text)]
    assert not faults, "\n".join(faults)


@pytest.mark.parametrize(("language", "shown"), [("fr", "DD/MM/YYYY"), ("en", "YYYY-MM-DD")])
def test_the_workbooks_show_dates_in_the_files_language(files, language, shown) -> None:
    workbooks = [made for made in made_in(files, language) if "xlsx" in made.name.lower()]
    assert len(workbooks) == 2
    for made in workbooks:
        dates = [f for f in made.formats if re.search(r"[dD]{2}|[yY]{4}", f)]
        assert dates == [shown], (made.name, made.formats)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_workbooks_sheet_names_and_column_headers_start_with_a_capital(files, language) -> None:
    headings = [h for made in made_in(files, language) if "xlsx" in made.name.lower() for h in made.headings]
    assert len(headings) > 20
    assert [h for h in headings if not h[:1].isupper()] == []
