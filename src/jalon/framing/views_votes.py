"""The votes page: editors open and close dot votes and adopt the winners; the workshop's participants
vote."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from jalon.accounts.auth import current_user
from jalon.errors import ValidationFailed
from jalon.fields import LocaleDecimalField
from jalon.framing import services, votes
from jalon.framing.forms import workshop_label
from jalon.framing.models import Ballot, Framing, Vote, VoteOption, Workshop, WorkshopKind
from jalon.strategy.coaching import content_language
from jalon.strategy.models import Objective, Roadmap
from jalon.strategy.pages import roadmap_page
from jalon.workspaces.permissions import require


class _VotersForm(forms.Form):
    """What every vote asks: its question, the points each participant spreads and who votes."""

    title = forms.CharField(label=_("question"), max_length=300)
    points = LocaleDecimalField(
        label=_("points per person"), kind="integer", min_value=1, max_value=50, initial=3
    )
    workshop = forms.ModelChoiceField(
        label=_("workshop (its participants vote)"), queryset=Workshop.objects.none(), required=False,
        empty_label=_("every stakeholder of the framing"),
    )  # fmt: skip

    def __init__(self, *args: Any, framing: Framing, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["workshop"]
        field.queryset = framing.workshops.all() if framing.pk else Workshop.objects.none()  # type: ignore[attr-defined]
        field.label_from_instance = workshop_label  # type: ignore[attr-defined]
        plan_workshop = field.queryset.filter(kind=WorkshopKind.PLAN).first()  # type: ignore[attr-defined]
        if plan_workshop is not None:
            field.initial = plan_workshop.pk


class VoteForm(_VotersForm):
    proposals = forms.CharField(
        label=_("proposals (one per line)"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10_000
    )
    field_order = ("title", "points", "proposals", "workshop")


class ObjectiveChoices(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """The roadmap's objectives as checkboxes in a fieldset of their own (all ticked at first)."""

    advanced = True  # drawn by its own template, not as one label and one input
    widget = forms.CheckboxSelectMultiple


class ObjectivesVoteForm(_VotersForm):
    objectives = ObjectiveChoices(
        label=_("objectives to weigh"), queryset=Objective.objects.none(),
        template_name="framing/_objective_choices.html",
    )  # fmt: skip
    field_order = ("title", "points", "objectives", "workshop")

    def __init__(self, *args: Any, roadmap: Roadmap, framing: Framing, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "weigh-%s")  # ids of its own beside the proposals' vote form
        super().__init__(*args, framing=framing, **kwargs)
        field = self.fields["objectives"]
        field.queryset = roadmap.objectives.order_by("position", "pk")  # type: ignore[attr-defined]
        field.initial = [o.pk for o in field.queryset]  # type: ignore[attr-defined]
        # The question is the roadmap's content, read by its stakeholders and printed in its documents: in
        # the language the roadmap is written in, whatever the page's.
        with translation.override(content_language(roadmap)):
            self.fields["title"].initial = str(_("Which objectives matter most?"))


def _vote(framing: Framing, pk: str) -> Vote:
    found = framing.votes.filter(pk=pk).first() if framing.pk and pk.isdigit() else None
    if found is None:
        raise ValidationFailed({"__all__": [str(_("This vote no longer exists."))]})
    return found


def _post(request: HttpRequest, roadmap: Roadmap, framing: Framing) -> dict[str, Any] | None:
    """Run the posted operation; the errors to show, or None when it worked."""
    user = current_user(request)
    op = request.POST.get("op", "")
    if op == "open":
        require(user, "edit", roadmap)
        form = VoteForm(request.POST, framing=framing)
        return _opened(form, "vote_form", lambda data: services.open_vote(
            actor=user, framing=services.open_framing(actor=user, roadmap=roadmap),
            title=data["title"], points=data["points"], proposals=data["proposals"].splitlines(),
            workshop=data["workshop"],
        ))  # fmt: skip
    if op == "open_objectives":
        require(user, "edit", roadmap)
        weigh = ObjectivesVoteForm(request.POST, roadmap=roadmap, framing=framing)
        return _opened(weigh, "objectives_form", lambda data: services.open_objectives_vote(
            actor=user, roadmap=roadmap, title=data["title"], points=data["points"],
            objectives=list(data["objectives"]), workshop=data["workshop"],
        ))  # fmt: skip
    try:
        vote = _vote(framing, request.POST.get("vote", ""))
        if op == "ballot":
            points: dict[int, int] = {}
            for name in request.POST:
                value = request.POST.get(name, "")
                if name.startswith("option-") and value.strip():
                    if not value.strip().isdigit():
                        raise ValidationFailed(
                            {"__all__": [str(_("Give each proposal a whole number of points, 0 or more."))]}
                        )
                    points[int(name.removeprefix("option-"))] = int(value)
            services.cast(actor=user, vote=vote, points=points)
        elif op in ("close", "reopen"):
            services.set_closed(actor=user, vote=vote, closed=op == "close")
        elif op == "adopt":
            chosen = [int(v) for v in request.POST.getlist("option") if v.isdigit()]
            services.adopt(actor=user, vote=vote, option_ids=chosen)
        elif op == "adopt_ranking":
            services.adopt_ranking(actor=user, vote=vote)
    except ValidationFailed as error:
        return {
            "vote_errors": {request.POST.get("vote", ""): [m for ms in error.errors.values() for m in ms]}
        }
    return None


def _opened(
    form: forms.Form, name: str, open_vote: Callable[[dict[str, Any]], object]
) -> dict[str, Any] | None:
    """Open the vote the valid ``form`` describes; the form with its errors (as ``name``) otherwise."""
    if not form.is_valid():
        return {name: form}
    try:
        open_vote(form.cleaned_data)
    except ValidationFailed as error:
        error.add_to_form(form)
        return {name: form}
    return None


@login_required
def votes_page(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    user = current_user(request)
    found, context = roadmap_page(request, workspace, roadmap)
    framing = services.framing_for(found)
    shown: dict[str, Any] | None = None
    if request.method == "POST":
        shown = _post(request, found, framing)
        if shown is None:
            return redirect(request.path)
        framing = services.framing_for(found)
    shown = shown or {}
    errors = shown.get("vote_errors", {})
    rows = []

    def by_position(option: VoteOption) -> int:
        return option.position

    for vote in framing.votes.select_related("workshop") if framing.pk else []:
        ballot = Ballot.objects.filter(vote=vote, voter=user).prefetch_related("lines").first()
        mine = {line.option_id: line.points for line in ballot.lines.all()} if ballot else {}
        tally = votes.tally(vote)
        ranked = tally.ranked
        rows.append({
            "vote": vote, "results": ranked, "mine": mine, "errors": errors.get(str(vote.pk), []),
            "options": [(o, mine.get(o.pk, 0)) for o in sorted((r.option for r in ranked), key=by_position)],
            "ballots": tally.ballots, "set_aside": tally.set_aside, "used": sum(mine.values()),
            "weighs_objectives": len(votes.ranking_of(ranked)) >= 2,
            "adoptable": any(r.option.objective_id is None for r in ranked),
            "may_vote": votes.may_vote(user, vote),
            "participants": [str(p) for p in votes.participants(vote)] if not vote.closed else [],
            "counted_voters": votes.counted_voters(vote) if vote.closed else [],
        })  # fmt: skip
    shown_votes = {str(row["vote"].pk) for row in rows}
    context |= {
        "framing": framing,
        "rows": rows,
        # A ballot for a vote not on this page (deleted meanwhile, or an id from elsewhere): said above.
        "page_errors": [m for pk, ms in errors.items() if pk not in shown_votes for m in ms],
        "vote_form": shown.get("vote_form") or VoteForm(framing=framing),
        "objectives_form": shown.get("objectives_form") or ObjectivesVoteForm(roadmap=found, framing=framing),
    }
    return render(request, "framing/votes.html", context, status=422 if shown else 200)
