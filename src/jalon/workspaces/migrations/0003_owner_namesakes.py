"""Nobody owns two workspaces that read alike (``jalon.names.same_title``: case, accents and spaces aside).
Workspaces that already do keep the first name (the oldest workspace); each later namesake of one of its
owners is renamed ``… (2)``, ``… (3)``, so the upgrade never fails on existing data."""

from collections import defaultdict

from django.db import migrations

from jalon.names import free_title, normalise


def rename_namesakes(apps, schema_editor):
    Workspace = apps.get_model("workspaces", "Workspace")
    Membership = apps.get_model("workspaces", "Membership")
    owners = defaultdict(set)  # workspace id -> its owners' ids
    for workspace_id, user_id in Membership.objects.filter(role="owner").values_list("workspace_id", "user_id"):
        owners[workspace_id].add(user_id)
    names = dict(Workspace.objects.values_list("pk", "name"))
    owned = defaultdict(list)  # user id -> the ids of the workspaces they own, oldest first
    for workspace_id in sorted(owners):
        for user_id in owners[workspace_id]:
            owned[user_id].append(workspace_id)
    for workspace_id in sorted(owners):
        siblings = {other for user_id in owners[workspace_id] for other in owned[user_id]} - {workspace_id}
        earlier = [names[other] for other in siblings if other < workspace_id]
        name = names[workspace_id]
        if normalise(name) and normalise(name) in {normalise(other) for other in earlier}:
            renamed = free_title(name, [names[other] for other in siblings])
            Workspace.objects.filter(pk=workspace_id).update(name=renamed)
            names[workspace_id] = renamed


class Migration(migrations.Migration):
    dependencies = [
        ("workspaces", "0002_invitation"),
    ]

    operations = [
        migrations.RunPython(rename_namesakes, migrations.RunPython.noop),
    ]
