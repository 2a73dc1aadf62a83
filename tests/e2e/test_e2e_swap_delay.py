"""The race finder of swap_delay.py: with ``JALON_E2E_SWAP_DELAY`` set, every page swaps that much later.

Run in the ordinary browser group (the variable unset), the test proves the mode is off: the page keeps
htmx's delays as base.html configures them (none). Run with the variable set, it proves the mode is on: the
page says so, and after an answer has arrived the old content stays at least that long, then the new one
comes in, settled in the same task (base.html's settle delay of 0 is kept: swap_delay.py says why).
"""

from __future__ import annotations

from typing import Any

import pytest

from .swap_delay import delay_ms

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# A request htmx swaps into a probe of its own, its times written down at each step of htmx's.
PROBE = """() => {
  const probe = document.createElement("div");
  probe.id = "swap-probe";
  probe.textContent = "old";
  document.body.append(probe);
  window.swapTimes = {};
  for (const step of ["beforeSwap", "afterSwap", "afterSettle"]) {
    probe.addEventListener("htmx:" + step, () => {
      window.swapTimes[step] = performance.now();
      window.swapTimes[step + "Text"] = probe.textContent;
    });
  }
  probe.addEventListener("htmx:afterSwap", () => {
    setTimeout(() => { window.swapTimes.settledFirst = window.swapTimes.afterSettle !== undefined; }, 0);
  });
  probe.addEventListener("htmx:beforeSwap", () => {
    setTimeout(() => { window.swapTimes.halfwayText = probe.textContent; }, (window.jalonSwapDelay ?? 0) / 2);
  });
  htmx.ajax("GET", location.pathname, {target: "#swap-probe", select: "main h1", swap: "innerHTML"});
}"""


@pytest.mark.reads_only
def test_the_swap_delay_asked_for_is_the_one_every_page_runs_with(demo, logged_in_page):
    delay = delay_ms()
    page = logged_in_page("demo@jalon.local", "en")
    page.wait_for_function("() => window.htmx !== undefined && document.readyState === 'complete'")
    config = page.evaluate(
        "() => [htmx.config.defaultSwapDelay, htmx.config.defaultSettleDelay, window.jalonSwapDelay ?? 0]"
    )
    # The settle delay is base.html's <meta name="htmx-config"> (0) either way; off, htmx's swap delay (0).
    assert config == [delay, 0, delay], config

    page.evaluate(PROBE)
    page.wait_for_function("() => window.swapTimes.settledFirst !== undefined")
    times: dict[str, Any] = page.evaluate("() => window.swapTimes")
    assert times["beforeSwapText"] == "old", times
    heading = page.locator("main h1").first.inner_text()
    assert times["afterSwapText"] == heading and heading, times
    assert times["afterSwap"] - times["beforeSwap"] >= delay - 1, times  # timers: to the ms
    assert times["settledFirst"] is True, times  # settled in the swap's own task, as the real page does
    # Halfway through the delay after the answer arrived, the old content was still there.
    assert times["halfwayText"] == ("old" if delay else heading), times
