"""Presets: a built-in one (board, team) or one saved on the roadmap, and saving one."""

from __future__ import annotations

from dataclasses import replace

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from jalon.accounts.models import User
from jalon.errors import ValidationFailed
from jalon.reports.models import ReportPreset
from jalon.reports.options import BUILT_IN_PRESETS, ReportOptions
from jalon.strategy.models import Roadmap
from jalon.workspaces.permissions import require_actor


class UnknownPreset(LookupError):
    """A preset name that neither the app nor the roadmap knows; the message lists the known ones."""


def preset_choices(roadmap: Roadmap) -> list[tuple[str, str]]:
    """(key, name) of the built-in presets, then of those saved on the roadmap."""
    built_in = [(key, str(label)) for key, (label, _options) in BUILT_IN_PRESETS.items()]
    saved = [
        (p.key, p.name)
        for p in ReportPreset.objects.filter(roadmap=roadmap).exclude(key__in=list(BUILT_IN_PRESETS))
    ]
    return built_in + saved


def options_for(roadmap: Roadmap, preset: str, *, language: str) -> ReportOptions:
    """The options of ``preset`` (every section when empty), in ``language``."""
    if not preset:
        return ReportOptions(language=language)
    if preset in BUILT_IN_PRESETS:
        return replace(BUILT_IN_PRESETS[preset][1], language=language)
    saved = ReportPreset.objects.filter(roadmap=roadmap, key=preset).first()
    if saved is None:
        raise UnknownPreset(
            _("No preset {preset}; choose among {choices}.").format(
                preset=preset, choices=", ".join(key for key, _name in preset_choices(roadmap))
            )
        )
    return saved.report_options(language=language)


def save_preset(*, actor: User | None, roadmap: Roadmap, name: str, options: ReportOptions) -> ReportPreset:
    """Save ``options`` as the preset ``name`` of the roadmap (replacing one of the same name)."""
    require_actor(actor, "edit", roadmap)
    name = " ".join(name.split())
    key = slugify(name)[:60].strip("-")
    if not name or not key:
        raise ValidationFailed({"name": [_("Give the preset a name.")]})
    if len(name) > 100:
        raise ValidationFailed({"name": [_("The name may have at most 100 characters.")]})
    if key in BUILT_IN_PRESETS:
        raise ValidationFailed({"name": [_("This name is taken by a built-in preset.")]})
    saved = {
        "sections": list(options.sections),
        "zoom": options.zoom,
        "lanes": options.lanes,
        "include_budgets": options.include_budgets,
    }
    with transaction.atomic():
        preset, _created = ReportPreset.objects.update_or_create(
            roadmap=roadmap, key=key, defaults={"name": name, "options": saved, "created_by": actor}
        )
    return preset
