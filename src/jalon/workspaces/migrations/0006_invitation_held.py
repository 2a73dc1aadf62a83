"""An invitation remembers when its invitee was refused acceptance for a reason of their own (they own a
workspace whose name reads like this one), so that its inviters see it not accepted, with a neutral reason."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('workspaces', '0005_invitation_dates_named'),
    ]

    operations = [
        migrations.AddField(
            model_name='invitation',
            name='held_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='acceptance held on'),
        ),
    ]
