"""How long `jalon --help` and `jalon <command> --help` take, beside `python -c pass` in the same run.

    .venv/bin/python bench/cli_start.py [--repeat 5] [--before OTHER_CHECKOUT/src]

Each figure is the best of ``--repeat`` wall-clock runs of a fresh process (the best, because a shared
machine only ever adds time). ``python -c pass`` is the floor every command pays (the interpreter and its
site packages); what is above it is Jalon's. The commands import their solvers and data libraries only
when they run, so no help screen should pay for OR-Tools, pandas, SciPy or WeasyPrint
(tests/cli/test_cli_startup.py checks that). Every screen runs what .venv/bin/jalon runs
(``from jalon.cli import main; main()``) with this checkout's ``src`` first on the path; ``--before DIR``
runs the same screens with another checkout's ``src`` (``git worktree add /tmp/old <ref>``) in the same
run, for before/after figures on the same machine load.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
JALON = [sys.executable, "-c", "import sys; sys.argv[0] = 'jalon'; from jalon.cli import main; main()"]
SCREENS = (
    ["--help"],
    ["smart", "--help"],
    ["forecast", "--help"],
    ["advise", "--help"],
    ["portfolio", "solve", "--help"],
    ["schedule", "solve", "--help"],
    ["framing", "rfm", "--help"],
    ["report", "--help"],
)


def best_seconds(command: list[str], *, repeat: int, env: dict[str, str]) -> tuple[float, float]:
    """The best wall-clock time and the best CPU time (user + system) of ``repeat`` runs."""
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(walls), min(cpus)


def shown(figures: tuple[float, float]) -> str:
    wall, cpu = figures
    return f"{wall * 1000:6.0f} ms ({cpu * 1000:4.0f} ms CPU)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--before", type=Path, help="another checkout's src folder, timed beside this one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JALON_", "DJANGO_"))}
        env["JALON_HOME"] = home
        floor = best_seconds([sys.executable, "-c", "pass"], repeat=args.repeat, env=env)
        print(f"load average: {os.getloadavg()[0]:.2f}; best of {args.repeat} runs, wall clock (CPU time)")
        print(f"{'python -c pass':32} {shown(floor)}")
        before_env = {**env, "PYTHONPATH": str(args.before)} if args.before else None
        env["PYTHONPATH"] = str(SRC)
        for screen in SCREENS:
            after = best_seconds([*JALON, *screen], repeat=args.repeat, env=env)
            line = f"{'jalon ' + ' '.join(screen):32} {shown(after)}"
            if before_env:
                before = best_seconds([*JALON, *screen], repeat=args.repeat, env=before_env)
                line += f"   before: {shown(before)}"
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
