"""The governance and review models left ``meetings`` for their own apps (governance 0001,
reviews 0001). In state only: the tables and rows stay. The content types follow the models,
so generic relations (events, comments, PDFs) and permissions keep pointing at the same rows."""

import django.db.models.deletion
from django.db import migrations, models


GOVERNANCE = ["body", "organisation", "membership", "person", "representation"]
REVIEWS = ["comment", "commentingperiod", "conflictofinterest", "notificationpreference",
           "notification", "lastvisit", "circulation", "circulationanswer"]


def _moved():
    for app, names in (("governance", GOVERNANCE), ("reviews", REVIEWS)):
        for name in names:
            yield app, name
            if name not in ("notification", "lastvisit"):  # the two without history
                yield app, f"historical{name}"


def move_content_types(apps, schema_editor):
    # Renamed in place, so that every row pointing at a content type (events, comments'
    # targets, rendered PDFs, permissions) keeps pointing at the same model. A fresh database
    # has none yet: Django creates them after the migrations, already under the new app.
    ContentType = apps.get_model("contenttypes", "ContentType")
    for app, model in _moved():
        if not ContentType.objects.filter(app_label=app, model=model).exists():
            ContentType.objects.filter(app_label="meetings", model=model).update(app_label=app)


def restore_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for app, model in _moved():
        if not ContentType.objects.filter(app_label="meetings", model=model).exists():
            ContentType.objects.filter(app_label=app, model=model).update(app_label="meetings")


class Migration(migrations.Migration):

    dependencies = [
        ('actionplan', '0002_governance_models'),
        ('documents', '0007_governance_models'),
        ('events', '0002_governance_models'),
        ('governance', '0001_initial'),
        ('meetings', '0006_circulation_quorum'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='historicalagendaitem',
                    name='body',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='governance.body', verbose_name='styringsgruppe'),
                ),
                migrations.AlterField(
                    model_name='meeting',
                    name='body',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='meetings', to='governance.body', verbose_name='styringsgruppe'),
                ),
                migrations.RemoveField(
                    model_name='historicalcirculation',
                    name='body',
                ),
                migrations.RemoveField(
                    model_name='representation',
                    name='body',
                ),
                migrations.RemoveField(
                    model_name='historicalcomment',
                    name='body',
                ),
                migrations.RemoveField(
                    model_name='membership',
                    name='body',
                ),
                migrations.AlterField(
                    model_name='agendaitem',
                    name='body',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='cases', to='governance.body', verbose_name='styringsgruppe'),
                ),
                migrations.AlterField(
                    model_name='historicalmeeting',
                    name='body',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='governance.body', verbose_name='styringsgruppe'),
                ),
                migrations.RemoveField(
                    model_name='circulation',
                    name='body',
                ),
                migrations.RemoveField(
                    model_name='historicalmembership',
                    name='body',
                ),
                migrations.RemoveField(
                    model_name='historicalrepresentation',
                    name='body',
                ),
                migrations.RemoveField(
                    model_name='comment',
                    name='body',
                ),
                migrations.RemoveField(
                    model_name='circulation',
                    name='closed_by',
                ),
                migrations.RemoveField(
                    model_name='circulation',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='circulation',
                    name='orientation_item',
                ),
                migrations.RemoveField(
                    model_name='circulationanswer',
                    name='circulation',
                ),
                migrations.RemoveField(
                    model_name='historicalcirculationanswer',
                    name='circulation',
                ),
                migrations.RemoveField(
                    model_name='circulationanswer',
                    name='answered_by',
                ),
                migrations.RemoveField(
                    model_name='circulationanswer',
                    name='organisation',
                ),
                migrations.RemoveField(
                    model_name='comment',
                    name='answered_by',
                ),
                migrations.RemoveField(
                    model_name='comment',
                    name='author',
                ),
                migrations.RemoveField(
                    model_name='comment',
                    name='content_type',
                ),
                migrations.RemoveField(
                    model_name='comment',
                    name='item',
                ),
                migrations.RemoveField(
                    model_name='comment',
                    name='meeting',
                ),
                migrations.RemoveField(
                    model_name='comment',
                    name='organisation',
                ),
                migrations.RemoveField(
                    model_name='comment',
                    name='parent',
                ),
                migrations.RemoveField(
                    model_name='historicalcomment',
                    name='parent',
                ),
                migrations.RemoveField(
                    model_name='commentingperiod',
                    name='meeting',
                ),
                migrations.RemoveField(
                    model_name='commentingperiod',
                    name='set_by',
                ),
                migrations.RemoveField(
                    model_name='conflictofinterest',
                    name='declared_by',
                ),
                migrations.RemoveField(
                    model_name='conflictofinterest',
                    name='item',
                ),
                migrations.RemoveField(
                    model_name='conflictofinterest',
                    name='organisation',
                ),
                migrations.RemoveField(
                    model_name='conflictofinterest',
                    name='person',
                ),
                migrations.RemoveField(
                    model_name='historicalbody',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalcirculation',
                    name='closed_by',
                ),
                migrations.RemoveField(
                    model_name='historicalcirculation',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='historicalcirculation',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalcirculation',
                    name='orientation_item',
                ),
                migrations.RemoveField(
                    model_name='historicalcirculationanswer',
                    name='answered_by',
                ),
                migrations.RemoveField(
                    model_name='historicalcirculationanswer',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalcirculationanswer',
                    name='organisation',
                ),
                migrations.RemoveField(
                    model_name='historicalcomment',
                    name='answered_by',
                ),
                migrations.RemoveField(
                    model_name='historicalcomment',
                    name='author',
                ),
                migrations.RemoveField(
                    model_name='historicalcomment',
                    name='content_type',
                ),
                migrations.RemoveField(
                    model_name='historicalcomment',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalcomment',
                    name='item',
                ),
                migrations.RemoveField(
                    model_name='historicalcomment',
                    name='meeting',
                ),
                migrations.RemoveField(
                    model_name='historicalcomment',
                    name='organisation',
                ),
                migrations.RemoveField(
                    model_name='historicalcommentingperiod',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalcommentingperiod',
                    name='meeting',
                ),
                migrations.RemoveField(
                    model_name='historicalcommentingperiod',
                    name='set_by',
                ),
                migrations.RemoveField(
                    model_name='historicalconflictofinterest',
                    name='declared_by',
                ),
                migrations.RemoveField(
                    model_name='historicalconflictofinterest',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalconflictofinterest',
                    name='item',
                ),
                migrations.RemoveField(
                    model_name='historicalconflictofinterest',
                    name='organisation',
                ),
                migrations.RemoveField(
                    model_name='historicalconflictofinterest',
                    name='person',
                ),
                migrations.RemoveField(
                    model_name='historicalmembership',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalmembership',
                    name='organisation',
                ),
                migrations.RemoveField(
                    model_name='historicalnotificationpreference',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalnotificationpreference',
                    name='person',
                ),
                migrations.RemoveField(
                    model_name='historicalorganisation',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalperson',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalperson',
                    name='user',
                ),
                migrations.RemoveField(
                    model_name='historicalrepresentation',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalrepresentation',
                    name='organisation',
                ),
                migrations.RemoveField(
                    model_name='historicalrepresentation',
                    name='person',
                ),
                migrations.RemoveField(
                    model_name='lastvisit',
                    name='content_type',
                ),
                migrations.RemoveField(
                    model_name='lastvisit',
                    name='user',
                ),
                migrations.RemoveField(
                    model_name='membership',
                    name='organisation',
                ),
                migrations.AlterField(
                    model_name='historicalattendance',
                    name='membership',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='governance.membership'),
                ),
                migrations.AlterField(
                    model_name='attendance',
                    name='membership',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to='governance.membership'),
                ),
                migrations.RemoveField(
                    model_name='notification',
                    name='person',
                ),
                migrations.RemoveField(
                    model_name='notificationpreference',
                    name='person',
                ),
                migrations.AlterField(
                    model_name='historicalattendance',
                    name='organisation',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='governance.organisation', verbose_name='virksomhet'),
                ),
                migrations.AlterField(
                    model_name='attendance',
                    name='organisation',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, to='governance.organisation', verbose_name='virksomhet'),
                ),
                migrations.RemoveField(
                    model_name='representation',
                    name='organisation',
                ),
                migrations.AlterField(
                    model_name='historicalstatement',
                    name='organisation',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='governance.organisation', verbose_name='virksomhet'),
                ),
                migrations.AlterField(
                    model_name='statement',
                    name='organisation',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to='governance.organisation', verbose_name='virksomhet'),
                ),
                migrations.RemoveField(
                    model_name='person',
                    name='user',
                ),
                migrations.AlterField(
                    model_name='historicalattendance',
                    name='substitute_for',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='governance.person', verbose_name='stedfortreder for'),
                ),
                migrations.AlterField(
                    model_name='attendance',
                    name='substitute_for',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='substituted_by', to='governance.person', verbose_name='stedfortreder for'),
                ),
                migrations.AlterField(
                    model_name='historicalattendance',
                    name='person',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='governance.person', verbose_name='representant'),
                ),
                migrations.RemoveField(
                    model_name='representation',
                    name='person',
                ),
                migrations.AlterField(
                    model_name='attendance',
                    name='person',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='attendances', to='governance.person', verbose_name='representant'),
                ),
                migrations.DeleteModel(
                    name='Body',
                ),
                migrations.DeleteModel(
                    name='Circulation',
                ),
                migrations.DeleteModel(
                    name='CirculationAnswer',
                ),
                migrations.DeleteModel(
                    name='Comment',
                ),
                migrations.DeleteModel(
                    name='CommentingPeriod',
                ),
                migrations.DeleteModel(
                    name='ConflictOfInterest',
                ),
                migrations.DeleteModel(
                    name='HistoricalBody',
                ),
                migrations.DeleteModel(
                    name='HistoricalCirculation',
                ),
                migrations.DeleteModel(
                    name='HistoricalCirculationAnswer',
                ),
                migrations.DeleteModel(
                    name='HistoricalComment',
                ),
                migrations.DeleteModel(
                    name='HistoricalCommentingPeriod',
                ),
                migrations.DeleteModel(
                    name='HistoricalConflictOfInterest',
                ),
                migrations.DeleteModel(
                    name='HistoricalMembership',
                ),
                migrations.DeleteModel(
                    name='HistoricalNotificationPreference',
                ),
                migrations.DeleteModel(
                    name='HistoricalOrganisation',
                ),
                migrations.DeleteModel(
                    name='HistoricalPerson',
                ),
                migrations.DeleteModel(
                    name='HistoricalRepresentation',
                ),
                migrations.DeleteModel(
                    name='LastVisit',
                ),
                migrations.DeleteModel(
                    name='Membership',
                ),
                migrations.DeleteModel(
                    name='Notification',
                ),
                migrations.DeleteModel(
                    name='NotificationPreference',
                ),
                migrations.DeleteModel(
                    name='Organisation',
                ),
                migrations.DeleteModel(
                    name='Representation',
                ),
                migrations.DeleteModel(
                    name='Person',
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, restore_content_types),
    ]
