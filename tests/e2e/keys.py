"""A page walked with the keyboard only (tests/e2e/test_e2e_keyboard*.py): Tab to a control, checking stops.

Each stop the Tab key reaches is measured in the browser: the focused element shows a ring (``:focus-visible``
with an outline), the ring's colour has a contrast of 3:1 at least against the first opaque background behind
it, no box that clips its content (a table's scroll box) cuts the ring off, and the focus is never lost to
``<body>``."""

from __future__ import annotations

import re
from typing import Any

# The focused element, what a person sees of its focus, and where it stands.
FOCUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return {body: true};
  const s = getComputedStyle(e);
  const rgb = (text) => (text.match(/[\\d.]+/g) || []).map(Number);
  const opaque = (text) => { const c = rgb(text); return c.length >= 3 && (c.length < 4 || c[3] === 1); };
  let back = e.parentElement, behind = 'rgb(255, 255, 255)';
  for (; back; back = back.parentElement) {
    const b = getComputedStyle(back).backgroundColor;
    if (opaque(b)) { behind = b; break; }
  }
  const lum = (c) => { const [r, g, b] = c.slice(0, 3).map(v => v / 255)
      .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => { const [x, y] = [lum(rgb(a)), lum(rgb(b))].sort((p, q) => q - p);
    return (x + .05) / (y + .05); };
  // A bar of the timeline (SVG) draws its focus as the stroke of its body, not as an outline.
  const body = e instanceof SVGElement && s.outlineStyle === 'none' ? e.querySelector('.tl-body') : null;
  if (body) {
    const b = getComputedStyle(body);
    return {body: false, tag: e.tagName, id: e.id, name: '', type: '',
            text: e.getAttribute('aria-label') || '',
            label: e.getAttribute('aria-label') || '', href: '', visible: e.matches(':focus-visible'),
            ring: b.stroke === 'none' ? 0 : parseFloat(b.strokeWidth), colour: b.stroke, behind,
            contrast: Math.round(ratio(b.stroke, behind) * 100) / 100, clippedBy: '', inMain: true};
  }
  const width = parseFloat(s.outlineWidth) || 0, offset = parseFloat(s.outlineOffset) || 0;
  const r = e.getBoundingClientRect(), reach = s.outlineStyle === 'none' ? 0 : width + offset;
  const ring = {left: r.left - reach, right: r.right + reach, top: r.top - reach, bottom: r.bottom + reach};
  let clippedBy = '';
  for (let box = e.parentElement; box && box !== document.body; box = box.parentElement) {
    const o = getComputedStyle(box);
    if (o.overflowX === 'visible' && o.overflowY === 'visible') continue;
    const b = box.getBoundingClientRect();
    const inner = {left: b.left + box.clientLeft, top: b.top + box.clientTop};
    inner.right = inner.left + box.clientWidth; inner.bottom = inner.top + box.clientHeight;
    const x = o.overflowX !== 'visible' && (ring.left < inner.left - .5 || ring.right > inner.right + .5);
    const y = o.overflowY !== 'visible' && (ring.top < inner.top - .5 || ring.bottom > inner.bottom + .5);
    if (x || y) {
      const kind = box.className ? '.' + String(box.className).split(' ')[0] : '';
      clippedBy = box.tagName.toLowerCase() + kind;
      break;
    }
  }
  const label = e.getAttribute('aria-label') || (e.labels && e.labels[0] ? e.labels[0].innerText : '') || '';
  return {body: false, tag: e.tagName, id: e.id, name: e.getAttribute('name') || '', type: e.type || '',
          text: (e.innerText || e.value || '').trim().split('\\n')[0].slice(0, 80), label: label.trim(),
          href: e.getAttribute('href') || '', visible: e.matches(':focus-visible'),
          ring: s.outlineStyle === 'none' ? 0 : width, colour: s.outlineColor, behind,
          contrast: s.outlineStyle === 'none' ? 0 : Math.round(ratio(s.outlineColor, behind) * 100) / 100,
          clippedBy, inMain: !!e.closest('main')};
}"""


def focused(page: Any) -> dict[str, Any]:
    return dict(page.evaluate(FOCUS))


def faults(stop: dict[str, Any]) -> list[str]:
    """What is wrong with the focus a person sees at this stop."""
    if stop["body"]:
        return ["the focus is lost to <body>"]
    where = f"{stop['tag']} {stop['text'] or stop['label'] or stop['name'] or stop['id']!r}"
    found = []
    if not stop["visible"] or stop["ring"] < 2:
        found.append(f"no visible focus ring on {where}")
    elif stop["contrast"] < 3:
        found.append(f"focus ring {stop['colour']} on {stop['behind']}: {stop['contrast']}:1 on {where}")
    if stop["clippedBy"]:
        found.append(f"focus ring of {where} clipped by {stop['clippedBy']}")
    return found


def matches(stop: dict[str, Any], wanted: str) -> bool:
    """Whether the stop's text, label, name, id or address matches the regular expression ``wanted``."""
    return not stop["body"] and any(
        re.search(wanted, stop[field]) for field in ("text", "label", "name", "id", "href")
    )


def tab_to(page: Any, wanted: str, *, limit: int = 120) -> dict[str, Any]:
    """Press Tab until the focused element ``matches`` ``wanted``; every stop on the way must show a ring a
    person sees (``faults``)."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = focused(page)
        if stop["body"]:  # past the page's last stop, the browser's own bar: the next Tab comes back
            continue
        assert faults(stop) == [], (wanted, faults(stop), page.url)
        seen.append(stop["text"] or stop["label"] or stop["name"])
        if matches(stop, wanted):
            return stop
    raise AssertionError(f"Tab never reached {wanted!r} on {page.url}; stops: {seen}")


def type_into(page: Any, wanted: str, text: str) -> None:
    """Tab to the field ``wanted`` and type ``text`` (a list chooses the option that starts with it)."""
    stop = focused(page)
    if not matches(stop, wanted):
        stop = tab_to(page, wanted)
    if stop["tag"] == "SELECT":
        page.keyboard.type(text)
        return
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def press_and_wait(page: Any, key: str = "Enter") -> None:
    """Press ``key`` on the focused link or button and wait for the page it leads to."""
    with page.expect_navigation():
        page.keyboard.press(key)


FIRST_STOP = """() => ([...document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]')]
    .find(e => e.tabIndex >= 0 && !e.disabled && e.getClientRects().length) || document.body).className"""


def skip_to_content(page: Any) -> dict[str, Any]:
    """The skip link is the page's first Tab stop (a page that puts the focus in its form at once, the login
    or a new form, has it first in the order all the same); Enter on it lands on the main heading."""
    page.wait_for_function("() => document.readyState === 'complete'")
    assert "skip-link" in page.evaluate(FIRST_STOP), page.url
    if page.evaluate("() => document.activeElement === document.body"):
        page.keyboard.press("Tab")
        stop = focused(page)
        assert "skip-link" in page.evaluate("() => document.activeElement.className"), (page.url, stop)
        assert faults(stop) == [], faults(stop)
    else:
        page.locator(".skip-link").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.tagName === 'H1'")
    return focused(page)


def no_trap(page: Any, *, limit: int = 400) -> int:
    """Tab from where the focus is, on through the whole page, back round to the skip link: no control holds
    the focus (a keyboard trap). Every stop on the way shows its ring; the number of stops."""
    for count in range(1, limit + 1):
        page.keyboard.press("Tab")
        stop = focused(page)
        if stop["body"]:
            continue
        assert faults(stop) == [], (faults(stop), page.url)
        if page.evaluate("() => document.activeElement.classList.contains('skip-link')"):
            return count
    raise AssertionError(f"the focus never came back round to the skip link on {page.url}")
