"""The advisor's knowledge: a bilingual playbook (goal -> strategy -> tactic) and sourced KPI benchmarks.

The data are versioned YAML files in ``data/`` (see ``docs/advisor.md``); ``loader`` reads and checks
them against the pydantic schema in ``schema``; ``engine_input`` turns them into the pure advisor
engine's dataclasses; ``advice`` runs the engine and dresses its answer in one language with the
benchmarks' sources. No Django here: the command line uses it without configuring Django.
"""
