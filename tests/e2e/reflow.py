"""What a page does in a small window (WCAG 2.2 SC 1.4.10 Reflow, 2.5.8 Target size, 1.4.12 Text spacing),
measured in the browser: the probes test_e2e_reflow.py holds every page to."""

from __future__ import annotations

from typing import Any

# How far the page scrolls sideways, and the outermost elements past the window's right edge that no box of
# their own scrolls or clips (what makes the page scroll), each as `tag.class#id`.
OVERFLOW = """() => {
  const inBox = e => { for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
    if (getComputedStyle(p).overflowX !== 'visible') return true; } return false; };
  const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
    + [...e.classList].map(c => '.' + c).join('');
  const edge = window.innerWidth + 1;
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > edge && !inBox(e))
    .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= edge);
  return {over: document.documentElement.scrollWidth - window.innerWidth, elements: wide.map(name)};
}"""

# The controls smaller than 24 × 24 CSS px that SC 2.5.8's exceptions do not cover: a link inside a
# sentence (inline, among other text) is exempt, and so is a small target whose 24 px circle, centred on
# it, meets no other target nor another small target's circle (the spacing exception).
SMALL_TARGETS = """() => {
  // checkVisibility: not the contents of a closed <details>, which keep a box where they would be laid out.
  const shown = e => { const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && e.checkVisibility({visibilityProperty: true})
      && !e.closest('.visually-hidden'); };
  const targets = [...document.querySelectorAll(
      'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [tabindex="0"]')]
    .filter(shown).filter(e => !e.classList.contains('skip-link'));
  const inSentence = e => { if (e.tagName !== 'A' || getComputedStyle(e).display !== 'inline') return false;
    const block = e.parentElement.closest('p, li, td, dd, span, div, label');
    return block && block.textContent.trim().length > e.textContent.trim().length; };
  const rect = e => { const r = e.getBoundingClientRect();
    return {x: r.left, y: r.top, w: r.width, h: r.height}; };
  // An SVG's own targets (a timeline's bars) are drawn to the time they take: the chart scrolls in its box.
  const all = targets.map(e => ({e, r: rect(e)}));
  const small = all.filter(t => (t.r.w < 23.95 || t.r.h < 23.95) && !inSentence(t.e) && !t.e.closest('svg'));
  const centre = r => [r.x + r.w / 2, r.y + r.h / 2];
  const distanceToRect = ([x, y], r) => Math.hypot(Math.max(r.x - x, 0, x - r.x - r.w),
                                                   Math.max(r.y - y, 0, y - r.y - r.h));
  const isSmall = new Set(small.map(t => t.e));
  const crowded = small.filter(t => { const c = centre(t.r); return all.some(o => o.e !== t.e
      && !o.e.contains(t.e) && !t.e.contains(o.e)
      && (isSmall.has(o.e) ? Math.hypot(c[0] - centre(o.r)[0], c[1] - centre(o.r)[1]) < 24
                           : distanceToRect(c, o.r) < 12)); });
  // A target a table's sticky first column covers, once its box scrolled, is not there to be touched.
  const covered = t => { window.scrollTo(window.scrollX, window.scrollY + t.e.getBoundingClientRect().top
      - window.innerHeight / 2);
    const r = t.e.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit !== null && !t.e.contains(hit); };
  const shownCrowded = crowded.filter(t => !covered(t));
  window.scrollTo(0, 0);
  const name = e => e.tagName.toLowerCase() + [...e.classList].map(c => '.' + c).join('')
    + ' «' + (e.getAttribute('aria-label') || e.textContent || e.value || '').trim().slice(0, 30) + '»';
  return shownCrowded.map(t => `${name(t.e)} ${Math.round(t.r.w)}×${Math.round(t.r.h)}`);
}"""

# Text cut off: an element that hides its overflow (overflow hidden or clip, text-overflow: ellipsis) whose
# content is wider or taller than its box. The visually hidden labels are cut on purpose; a list (<select>)
# shows its chosen option cut to its width as every browser does, and opens on the whole of each.
CLIPPED_TEXT = """() => {
  const hides = s => ['hidden', 'clip'].includes(s.overflowX) || ['hidden', 'clip'].includes(s.overflowY);
  const name = e => e.tagName.toLowerCase() + [...e.classList].map(c => '.' + c).join('')
    + ' «' + e.textContent.trim().slice(0, 30) + '»';
  return [...document.querySelectorAll('body *')].filter(e => {
    if (e.closest('.visually-hidden, .file-choice-input, svg, select') || !e.textContent.trim()) return false;
    const s = getComputedStyle(e);
    if (!hides(s) || s.position === 'absolute' && e.clientWidth <= 1) return false;
    return e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1;
  }).map(name);
}"""

# The boxes that scroll sideways inside the page, each with what a keyboard and a screen reader get of it: the
# box's classes, whether Tab reaches it, its role and its name.
SCROLL_BOXES = """() => [...document.querySelectorAll('body *')].filter(e => {
    const s = getComputedStyle(e);
    return ['auto', 'scroll'].includes(s.overflowX) && e.scrollWidth > e.clientWidth + 1
      && e.checkVisibility();
  }).map(e => ({classes: [...e.classList], tag: e.tagName.toLowerCase(), tabindex: e.getAttribute('tabindex'),
    role: e.getAttribute('role'), name: (e.getAttribute('aria-label')
      || (document.getElementById(e.getAttribute('aria-labelledby')) || {}).textContent || '').trim()}))"""

# SC 1.4.12's overrides, set on every element as a user's style sheet would.
# A constructed style sheet, which the Content-Security-Policy (no inline style) lets a script adopt.
TEXT_SPACING = """() => { const sheet = new CSSStyleSheet();
  sheet.replaceSync('* { line-height: 1.5 !important; letter-spacing: 0.12em !important;'
    + ' word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }');
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; }"""


def measure(page: Any) -> dict[str, Any]:
    """The page's sideways scroll, what causes it, its crowded small targets, its clipped text and its boxes
    that scroll sideways."""
    overflow = page.evaluate(OVERFLOW)
    return {
        **overflow, "small": page.evaluate(SMALL_TARGETS), "clipped": page.evaluate(CLIPPED_TEXT),
        "boxes": page.evaluate(SCROLL_BOXES),
    }  # fmt: skip
