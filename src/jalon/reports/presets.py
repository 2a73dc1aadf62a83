"""Which options a preset name stands for: a built-in one (board, team) or the default choice."""

from __future__ import annotations

from dataclasses import replace

from django.utils.translation import gettext as _

from jalon.reports.options import BUILT_IN_PRESETS, ReportOptions
from jalon.strategy.models import Roadmap


class UnknownPreset(LookupError):
    """A preset name that neither the app nor the roadmap knows; the message lists the known ones."""


def preset_names(roadmap: Roadmap) -> list[str]:
    return list(BUILT_IN_PRESETS)


def options_for(roadmap: Roadmap, preset: str, *, language: str) -> ReportOptions:
    """The options of ``preset`` (every section when empty), in ``language``."""
    if not preset:
        return ReportOptions(language=language)
    if preset not in BUILT_IN_PRESETS:
        raise UnknownPreset(
            _("No preset {preset}; choose among {choices}.").format(
                preset=preset, choices=", ".join(preset_names(roadmap))
            )
        )
    _label, options = BUILT_IN_PRESETS[preset]
    return replace(options, language=language)
