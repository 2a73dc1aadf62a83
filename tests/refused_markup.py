"""What a refused form's answer must tell a screen reader, read from its HTML: each field in error says
``aria-invalid="true"`` and names, in ``aria-describedby``, elements that exist, its error among them; each
error message is tied to its field that way or, when it belongs to no field, is announced (``role="alert"``
or ``"status"``); every help text beside a field is tied to it; and the words saying a field is required
stand before the label's colon (« Titre (obligatoire) : »), never after it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

CONTROLS = ("input", "select", "textarea")
FIELDS = (*CONTROLS, "fieldset")  # what aria-describedby and aria-invalid may stand on
ERROR_CLASSES = {"error", "errorlist"}
ANNOUNCED = {"alert", "status"}
# A label ending in its colon, then the words saying the field is required: « Titre : (obligatoire) ».
MARK_AFTER_COLON = re.compile(r'([^<>]*:)\s*</(?:label|legend)>\s*<span class="required-mark"')
VOID = {"input", "br", "img", "hr", "meta", "link", "col", "source", "wbr", "area", "base", "embed"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    announced: bool  # itself or an ancestor has role=alert or status, or aria-live
    inside_error: bool  # an ancestor is already an error message
    in_form: bool = False
    group_described: list[str] = field(default_factory=list)  # what its fieldset's aria-describedby names
    text: str = ""

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    @property
    def is_error(self) -> bool:
        return bool(self.classes & ERROR_CLASSES) and not self.inside_error

    @property
    def is_help(self) -> bool:
        return bool(self.classes & {"helptext", "help"}) and self.in_form


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.ids: set[str] = set()
        self._open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = {key: value or "" for key, value in attrs}
        parent = self._open[-1] if self._open else None
        announced = given.get("role") in ANNOUNCED or "aria-live" in given
        element = Element(
            tag,
            given,
            announced=announced or bool(parent and parent.announced),
            inside_error=bool(parent and (parent.is_error or parent.inside_error)),
            in_form=bool(parent and (parent.tag == "form" or parent.in_form)),
            group_described=described(parent) if parent and parent.tag == "fieldset" else [],
        )
        if parent and parent.tag != "fieldset":
            element.group_described = parent.group_described
        self.elements.append(element)
        if given.get("id"):
            self.ids.add(given["id"])
        if tag not in VOID:
            self._open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self._open and self._open[-1].tag == tag:
            self._open.pop()

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                del self._open[index:]
                return

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text += data


def read(html: str) -> _Reader:
    reader = _Reader()
    reader.feed(html)
    return reader


def described(element: Element) -> list[str]:
    return element.attrs.get("aria-describedby", "").split()


def faults(html: str) -> list[str]:
    """What a screen reader would miss in this answer (an empty list when nothing)."""
    page = read(html)
    found: list[str] = []
    by_id = {e.attrs["id"]: e for e in page.elements if e.attrs.get("id")}
    described_ones = [e for e in page.elements if e.tag in FIELDS]
    invalid = [e for e in described_ones if e.attrs.get("aria-invalid") == "true"]
    tied = {name for element in described_ones for name in described(element)}
    for control in described_ones:
        what = control.attrs.get("name") or control.attrs.get("id") or control.tag
        missing = [name for name in described(control) if name not in page.ids]
        if missing:
            found.append(f"{what}: aria-describedby names {' '.join(missing)}, not in the page")
        # A box of a list is described by the fieldset around the list.
        names = described(control) + control.group_described
        if control in invalid and not any(by_id[n].is_error for n in names if n in by_id):
            found.append(f"{what}: aria-invalid but no error named by aria-describedby")
    for element in page.elements:
        ident, text = element.attrs.get("id", ""), element.text.strip()[:60]
        if element.is_error and text and not element.announced:
            if ident not in tied:
                found.append(f"error not tied to a field nor announced: {text!r}")
            elif not any(ident in described(c) + c.group_described for c in invalid):
                found.append(f"error {ident!r} ({text!r}) tied to no aria-invalid field")
        if element.is_help and text and ident not in tied:
            found.append(f"help text tied to no field: {text!r}")
    found += [f"required mark after the colon: {label.strip()!r}" for label in MARK_AFTER_COLON.findall(html)]
    return found
