"""First request of each heavy kind on a freshly started `jalon serve`, against the second one.

    .venv/bin/python bench/cold_start.py [--rounds 2] [--settle 25]

It builds a fresh installation (the Cloud Kicks demo) in a temporary JALON_HOME, then starts the server
with one worker process, alternately without the warm-up (``JALON_WARMUP=0``, the baseline) and with it,
``--rounds`` times each. After the server answers /healthz it waits ``--settle`` seconds (the same for
both: a first user seldom arrives the very second the server starts), logs in, and times each request
twice: an RFM persona upload (scikit-learn), a PDF report (WeasyPrint), a PPTX report (python-pptx), a
portfolio run (OR-Tools) and a KPI page with its forecast. It prints readiness and both timings.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import requests

JALON = str(Path(sys.executable).with_name("jalon"))
PASSWORD = "cold-password-1"
ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
RULES = {"budget": "60000", "maximise": "value", "min_acquisition": "", "max_acquisition": "",
         "min_retention": "", "max_retention": "", "max_running": ""}  # fmt: skip


REPORT = {
    "sections": ["vision", "timeline", "milestones"],
    "language": "en",
    "zoom": "quarter",
    "lanes": "theme",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def environment(home: Path, warm: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JALON_", "DJANGO_"))}
    return env | {"JALON_HOME": str(home), "JALON_DEMO_PASSWORD": PASSWORD, "JALON_LANGUAGE": "en",
                  "JALON_WARMUP": "1" if warm else "0"}  # fmt: skip


def orders() -> bytes:
    from jalon.demo.orders import synthetic_orders
    from jalon.documents.orders_file import orders_csv

    return orders_csv(synthetic_orders(customers=400, seed=3)).encode()


def timed(action: Callable[[], requests.Response]) -> tuple[float, int]:
    started = time.perf_counter()
    answer = action()
    return time.perf_counter() - started, answer.status_code


def one_server(home: Path, warm: bool, settle: float, data: bytes) -> dict[str, tuple[float, float, int]]:
    port = free_port()
    started = time.perf_counter()
    process = subprocess.Popen(
        [JALON, "serve", "--port", str(port), "--workers", "1", "--threads", "2", "--no-access-log"],
        env=environment(home, warm), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        while True:
            try:
                if requests.get(base + "/healthz", timeout=5).status_code == 200:
                    break
            except requests.ConnectionError:
                time.sleep(0.1)
        ready = time.perf_counter() - started
        time.sleep(settle)
        web = requests.Session()
        web.get(base + "/login/")
        token = web.cookies["csrftoken"]
        web.headers["X-CSRFToken"] = token
        web.headers["Referer"] = base + "/login/"
        login = {"username": "demo@jalon.local", "password": PASSWORD, "csrfmiddlewaretoken": token}
        if web.post(base + "/login/", login, allow_redirects=False).status_code != 302:
            raise SystemExit("could not log in")
        web.headers["X-CSRFToken"] = web.cookies["csrftoken"]
        kpi = "taux-conversion"
        kinds: dict[str, Callable[[], requests.Response]] = {
            "rfm upload": lambda: web.post(
                base + ROADMAP + "framing/personas/",
                {"op": "upload"},
                files={"file": ("orders.csv", data)},
                allow_redirects=False,
            ),
            "pdf report": lambda: web.get(base + ROADMAP + "documents/", {"format": "pdf", **REPORT}),
            "pptx report": lambda: web.get(base + ROADMAP + "documents/", {"format": "pptx", **REPORT}),
            "portfolio run": lambda: web.post(base + ROADMAP + "portfolio/", RULES),
            "kpi forecast": lambda: web.get(base + ROADMAP + f"kpis/{kpi}/"),
        }
        result: dict[str, tuple[float, float, int]] = {"ready": (ready, 0.0, 200)}
        for name, action in kinds.items():
            first, status = timed(action)
            assert status in (200, 302), (name, status)
            second, _ = timed(action)
            result[name] = (first, second, status)
        return result
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--settle", type=float, default=25.0)
    arguments = parser.parse_args()
    data = orders()
    with tempfile.TemporaryDirectory(prefix="jalon-cold-") as folder:
        home = Path(folder)
        for command in (["migrate"], ["demo"]):
            subprocess.run([JALON, *command], env=environment(home, False), check=True, capture_output=True)
        for round_ in range(arguments.rounds):
            for warm in (False, True):
                result = one_server(home, warm, arguments.settle, data)
                print(
                    f"round {round_ + 1}, warm-up {'on ' if warm else 'off'}  (load {os.getloadavg()[0]:.1f})"
                )
                for name, (first, second, status) in result.items():
                    if name == "ready":
                        print(f"  {'ready':<14} {first:6.2f} s")
                    else:
                        print(f"  {name:<14} first {first:6.2f} s  second {second:6.2f} s  (HTTP {status})")
                sys.stdout.flush()


if __name__ == "__main__":
    main()
