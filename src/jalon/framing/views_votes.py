"""The votes page: editors open and close dot votes and adopt the winners; the workshop's participants
vote."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from jalon.accounts.auth import current_user
from jalon.errors import ValidationFailed
from jalon.fields import LocaleDecimalField
from jalon.framing import services, votes
from jalon.framing.models import Ballot, Framing, Vote, VoteOption, Workshop, WorkshopKind
from jalon.strategy.models import Roadmap
from jalon.strategy.pages import roadmap_page
from jalon.workspaces.permissions import require


class VoteForm(forms.Form):
    title = forms.CharField(label=_("question"), max_length=300)
    points = LocaleDecimalField(
        label=_("points per person"), kind="integer", min_value=1, max_value=50, initial=3
    )
    proposals = forms.CharField(
        label=_("proposals (one per line)"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10_000
    )
    workshop = forms.ModelChoiceField(
        label=_("workshop (its participants vote)"), queryset=Workshop.objects.none(), required=False,
        empty_label=_("every stakeholder of the framing"),
    )  # fmt: skip

    def __init__(self, *args: Any, framing: Framing, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["workshop"]
        field.queryset = framing.workshops.all() if framing.pk else Workshop.objects.none()  # type: ignore[attr-defined]
        plan_workshop = field.queryset.filter(kind=WorkshopKind.PLAN).first()  # type: ignore[attr-defined]
        if plan_workshop is not None:
            field.initial = plan_workshop.pk


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
        if not form.is_valid():
            return {"vote_form": form}
        try:
            services.open_vote(
                actor=user, framing=services.open_framing(actor=user, roadmap=roadmap),
                title=form.cleaned_data["title"], points=form.cleaned_data["points"],
                proposals=form.cleaned_data["proposals"].splitlines(),
                workshop=form.cleaned_data["workshop"],
            )  # fmt: skip
        except ValidationFailed as error:
            error.add_to_form(form)
            return {"vote_form": form}
        return None
    try:
        vote = _vote(framing, request.POST.get("vote", ""))
        if op == "ballot":
            points: dict[int, int] = {}
            for name in request.POST:
                value = request.POST.get(name, "")
                if name.startswith("option-") and value.strip():
                    if not value.strip().isdigit():
                        raise ValidationFailed({"__all__": [str(_("Give whole numbers of points."))]})
                    points[int(name.removeprefix("option-"))] = int(value)
            services.cast(actor=user, vote=vote, points=points)
        elif op in ("close", "reopen"):
            services.set_closed(actor=user, vote=vote, closed=op == "close")
        elif op == "adopt":
            chosen = [int(v) for v in request.POST.getlist("option") if v.isdigit()]
            services.adopt(actor=user, vote=vote, option_ids=chosen)
    except ValidationFailed as error:
        return {
            "vote_errors": {request.POST.get("vote", ""): [m for ms in error.errors.values() for m in ms]}
        }
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
        ranked = votes.results(vote)
        rows.append({
            "vote": vote, "results": ranked, "mine": mine, "errors": errors.get(str(vote.pk), []),
            "options": [(o, mine.get(o.pk, 0)) for o in sorted((r.option for r in ranked), key=by_position)],
            "ballots": vote.ballots.count(), "used": sum(mine.values()),
            "may_vote": votes.may_vote(user, vote),
            "participants": [str(p) for p in votes.participants(vote)],
        })  # fmt: skip
    context |= {
        "framing": framing,
        "rows": rows,
        "vote_form": shown.get("vote_form") or VoteForm(framing=framing),
    }
    return render(request, "framing/votes.html", context, status=422 if shown else 200)
