"""What a roadmap's framing tells the advisor: the channels its animation plan uses, the kinds of its
personas and the lifecycle stages its actions target, in the playbook's words.

Strategy sits below the framing and may not import it: ``FramingConfig.ready`` registers
:func:`audience` with ``jalon.strategy.advising.register_audience``, and the advisor asks for it when it
ranks tactics for an objective. Reading only; a roadmap without a framing says nothing (empty audience).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from jalon.framing.models import Framing
from jalon.strategy.advising import Audience
from jalon.strategy.models import Roadmap

# The animation plan's channels (``framing.models.Channel``) as the playbook's channels.
CHANNELS: Mapping[str, tuple[str, ...]] = {
    "email": ("email",),
    "sms": ("sms",),
    "push": ("push", "app"),
    "post": ("direct-mail",),
    "store": ("store",),
    "web": ("website",),
    "paid": ("search-ads", "social-ads", "display"),
}
# The RFM segment a persona was seeded from (``engines.rfm_names``) as the playbook's persona kinds.
PERSONA_KINDS: Mapping[str, tuple[str, ...]] = {
    "champions": ("vip",),
    "loyal": ("repeat-buyer",),
    "potential_loyalists": ("repeat-buyer",),
    "new": ("first-time-buyer",),
    "promising": ("first-time-buyer",),
    "need_attention": ("repeat-buyer",),
    "about_to_sleep": ("lapsed-customer",),
    "at_risk": ("lapsed-customer",),
    "cannot_lose": ("vip", "lapsed-customer"),
    "hibernating": ("lapsed-customer",),
    "lost": ("lapsed-customer",),
}
# The framing's lifecycle stages (``engines.rfm_stages`` keys, or typed by hand) as the playbook's stages.
STAGES: Mapping[str, str] = {
    "prospect": "prospect",
    "lead": "lead",
    "new": "first-purchase",
    "first_purchase": "first-purchase",
    "active": "active",
    "loyal": "loyal",
    "at_risk": "at-risk",
    "inactive": "inactive",
}


def _stage(key: str) -> str | None:
    return STAGES.get(key.replace("-", "_"))


def audience(roadmap: Roadmap) -> Audience:
    """The roadmap's channels, persona kinds and worked-on stages, with the framing's own names for them."""
    framing = Framing.objects.filter(roadmap=roadmap).first()
    if framing is None:
        return Audience()
    channels = {
        mapped
        for channel in framing.actions.values_list("channel", flat=True).distinct()
        for mapped in CHANNELS.get(channel, ())
    }
    persona_names: dict[str, list[str]] = defaultdict(list)
    for name, segment in framing.personas.values_list("name", "rfm_segment"):
        for kind in PERSONA_KINDS.get(segment, ()):
            persona_names[kind].append(name)
    stage_names: dict[str, list[str]] = defaultdict(list)
    targeted = framing.stages.filter(actions__isnull=False).distinct()
    for key, name in targeted.values_list("key", "name"):
        stage = _stage(key)
        if stage is not None:
            stage_names[stage].append(name)
    return Audience(
        channels=frozenset(channels),
        personas=frozenset(persona_names),
        stages=frozenset(stage_names),
        names={
            "personas": {kind: ", ".join(names) for kind, names in persona_names.items()},
            "stages": {stage: ", ".join(names) for stage, names in stage_names.items()},
        },
    )
