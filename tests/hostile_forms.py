"""What the hostile-forms check needs: the forms a signed-in owner can reach from a roadmap's pages (found by
following its links, as a person would), the hostile values typed into each field, and the pages and
exports that must still answer after every value that saved."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve

# Forms that destroy or leave (what the check would lose by posting them) or that only change the session.
SKIPPED_ACTIONS = re.compile(
    r"/(delete|remove|revoke|restore|unassign|undo|logout|language|move)/|/login/|/signup/|/setup/|"
    r"/invitations/|/role/|/apply/|/import/confirm/"
)
# Pages whose links are not followed (each version of the history, each document job, every file).
SKIPPED_LINKS = re.compile(r"/history/\d|/documents/jobs/|\.(pdf|pptx|xlsx|ics|md|csv|json|yaml)$|/logout/")

# One text mixes what breaks layouts and escaping: emoji, right-to-left and zero-width characters, markup, a
# template tag, then an unbroken word to the field's length (2,000 characters in a long text); another is a
# statement whose target has 400 digits. Per field the values run from refused to the most hostile that
# saves, which stays for the pages to show.
MIXED = "🚀 مرحبا\u200b\u200d\u202e <script>alert(1)</script>{{ 7*7 }} "
HUGE_TARGET = "Augmenter le CA de 1" + "0" * 400 + " % d’ici 2027"
NUMBERS = ["NaN", "Infinity", "1" + "0" * 400, "1,5", "1 000,50", "0." + "1" * 30, "0", "-1e15", "1e15"]
DATES = ["0001-01-01", "9999-12-31", "2024-02-30"]
# Fields that take a table or a query get hostile rows.
BY_NAME = {
    "table": ["date;valeur\n2026-01-01;1e400\n9999-12-31;5\n0001-01-01;NaN\n2024-02-30;1\n2026-02-01;"
              + "9" * 400,
              "date;valeur\n2026-01-01;-1e15\n2026-01-02;1e15\n2026-01-03;0,000000000000000000000000000001"],
    "query": ["SELECT DATE '9999-12-31' AS d, 1e300 AS v", "SELECT DATE '2026-01-01', 'NaN'::DOUBLE",
              "SELECT DATE '2026-01-01' + INTERVAL (i) DAY, 1e15 FROM range(3) t(i)"],
}  # fmt: skip
PLAUSIBLE = {"text": "Essai", "number": "1", "date": "2026-06-15", "email": "qa@example.com"}
# Pairs of fields whose second must not come before the first.
ORDERED = [("start", "end"), ("opens", "closes"), ("earliest_start", "latest_finish")]


@dataclass
class Form:
    page: str
    action: str
    fields: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)  # name -> text | number | date | choice | hidden
    options: dict[str, list[str]] = field(default_factory=dict)  # a select's values
    htmx: bool = False  # posted by htmx in a browser (which sends HX-Request and swaps the answer in)
    maxlength: dict[str, int] = field(default_factory=dict)

    @property
    def signature(self) -> tuple[str, tuple[str, ...]]:
        return (route(self.action), tuple(sorted(re.sub(r"\d+", "N", name) for name in self.fields)))


def route(url: str) -> str:
    """The name of the view that answers ``url`` (an activity's page and another's are one route)."""
    try:
        return resolve(urlsplit(url).path).view_name
    except Resolver404:
        return urlsplit(url).path


class _Parser(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.forms: list[Form] = []
        self.links: list[str] = []
        self._form: Form | None = None
        self._textarea: str | None = None
        self._select: str | None = None
        self._first_option: bool = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        for link in (a.get("href"), a.get("hx-get")):
            if link and tag != "form":
                self.links.append(urljoin(self.page, link))
        if tag == "form":
            if a.get("method", "get").lower() == "post":
                action = a.get("hx-post") or a.get("action") or self.page
                self._form = Form(page=self.page, action=urljoin(self.page, action), htmx="hx-post" in a)
                self.forms.append(self._form)
            return
        form = self._form
        if form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in a or (kind == "radio" and name not in form.fields):
                    form.fields[name] = a.get("value", "on")
                    form.kinds[name] = "choice"
                return
            form.fields[name] = a.get("value", "")
            if kind == "hidden":
                form.kinds[name] = "hidden"
            elif (
                "date-input" in a.get("class", "").split()
                or kind == "date"
                or "date" in name
                or name in ("start", "end", "day", "opens", "closes")
            ):
                form.kinds[name] = "date"
            elif a.get("inputmode") in ("decimal", "numeric") or kind == "number":
                form.kinds[name] = "number"
            elif kind in ("text", "search", "url", "email", ""):
                form.kinds[name] = "text" if kind in ("text", "search", "") else kind
            else:
                form.kinds[name] = kind
            if a.get("maxlength", "").isdigit():
                form.maxlength[name] = int(a["maxlength"])
        elif tag == "textarea" and name:
            self._textarea = name
            form.fields[name] = ""
            form.kinds[name] = "text"
            if a.get("maxlength", "").isdigit():
                form.maxlength[name] = int(a["maxlength"])
        elif tag == "select" and name:
            self._select = name
            self._first_option = True
            form.kinds[name] = "choice"
        elif tag == "option" and self._select:
            form.options.setdefault(self._select, []).append(a.get("value", ""))
            if self._first_option or "selected" in a:
                form.fields[self._select] = a.get("value", "")
                self._first_option = False

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea:
            self._form.fields[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._form = None


def parse(page: str, html: str) -> tuple[list[Form], list[str]]:
    parser = _Parser(page)
    parser.feed(html)
    for form in parser.forms:
        if form.fields.get("", None) is not None:
            del form.fields[""]
    return parser.forms, parser.links


# The tables a statement reads or writes (quoted as Django quotes them on SQLite and PostgreSQL, or not).
READ = re.compile(r'\b(?:FROM|JOIN)\s+"?(\w+)"?', re.IGNORECASE)
WRITTEN = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


def tables(queries: CaptureQueriesContext, pattern: re.Pattern[str]) -> set[str]:
    return {table for query in queries.captured_queries for table in pattern.findall(query["sql"])}


@dataclass
class Crawl:
    pages: list[str] = field(default_factory=list)
    forms: dict[tuple[str, tuple[str, ...]], Form] = field(default_factory=dict)
    broken: dict[str, int] = field(default_factory=dict)
    reads: dict[str, set[str]] = field(default_factory=dict)  # the tables each page read


def crawl(client: Client, starts: list[str], inside: tuple[str, ...], per_route: int = 1) -> Crawl:
    """The pages reachable from ``starts`` whose path begins with one of ``inside`` (``per_route`` of each
    route, with or without a query), and their post forms."""
    found = Crawl()
    todo, seen = list(starts), set(starts)
    routes: dict[tuple[str, bool], int] = {}
    while todo:
        url = todo.pop(0)
        shape = (route(url), "?" in url)
        routes[shape] = routes.get(shape, 0) + 1
        if routes[shape] > per_route:
            continue
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
        if response.status_code != 200:
            if response.status_code >= 500:
                found.broken[url] = response.status_code
            continue
        found.pages.append(url)
        found.reads[url] = tables(queries, READ)
        if "html" not in response.get("Content-Type", ""):
            continue
        forms, links = parse(url, response.content.decode())
        for form in forms:
            if not SKIPPED_ACTIONS.search(urlsplit(form.action).path):
                found.forms.setdefault(form.signature, form)
        for link in links:
            parts = urlsplit(link)
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if (
                not parts.netloc
                and parts.path.startswith(inside)
                and not SKIPPED_LINKS.search(parts.path)
                and target not in seen
            ):
                seen.add(target)
                todo.append(target)
    return found


def hostile_values(kind: str, maxlength: int | None) -> list[str]:
    if kind == "text":
        longest = maxlength or 20_000
        mixed = (MIXED + "a" * 2_000)[:longest]
        return [
            "y" * (longest + 1),
            "y" * longest,
            *([HUGE_TARGET] if longest >= len(HUGE_TARGET) else []),
            mixed,
        ]
    if kind == "number":
        return NUMBERS
    if kind == "date":
        return DATES
    return []


def plausible(form: Form) -> dict[str, str]:
    """The form's values, its empty fields filled as a person would (a title, 1, a date in 2026)."""
    data = dict(form.fields)
    for name, kind in form.kinds.items():
        if not data.get(name) and kind in PLAUSIBLE:
            data[name] = PLAUSIBLE[kind]
        elif not data.get(name) and kind == "choice":
            data[name] = next((value for value in form.options.get(name, []) if value), "")
    return data


def hostile_posts(form: Form) -> list[tuple[str, str, dict[str, str]]]:
    """(field, value, data) for each hostile value of each field, the others as a person fills them; and
    an end before its start for each ordered pair of dates."""
    base = plausible(form)
    posts = [
        (name, value, base | {name: value})
        for name, kind in form.kinds.items()
        for value in BY_NAME.get(name, []) + hostile_values(kind, form.maxlength.get(name))
    ]
    for first, last in ORDERED:
        if first in form.kinds and last in form.kinds:
            posts.append((last, "before " + first, base | {first: "2026-06-15", last: "2026-06-14"}))
    return posts
