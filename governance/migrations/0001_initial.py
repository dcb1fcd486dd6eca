"""The governance models moved here from ``meetings``. Their tables (``meetings_body`` …)
were made by the meetings migrations and keep every row: this migration only tells Django's
state where the models now live; it runs no SQL."""

import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        # The tables were made there.
        ('meetings', '0006_circulation_quorum'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Body',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, unique=True, verbose_name='navn')),
                        ('short_name', models.CharField(help_text='Brukes i vedtak: «Styringsgruppen godkjenner …»', max_length=80, verbose_name='kortnavn')),
                        ('slug', models.SlugField(unique=True, verbose_name='nettadresse')),
                        ('description', models.TextField(blank=True, verbose_name='beskrivelse')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-post til sekretariatet')),
                        ('circulation_quorum', models.PositiveSmallIntegerField(default=50, help_text='En sirkulasjonssak er beslutningsdyktig når flere enn så mange prosent av medlemsvirksomhetene har svart innen svarfristen. 50 betyr at mer enn halvparten må svare; 100 betyr at alle må svare.', validators=[django.core.validators.MaxValueValidator(100)], verbose_name='beslutningsdyktighet ved sirkulasjon (prosent)')),
                    ],
                    options={
                        'verbose_name': 'styringsgruppe',
                        'verbose_name_plural': 'styringsgrupper',
                        'db_table': 'meetings_body',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='Organisation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, unique=True, verbose_name='navn')),
                        ('short_name', models.CharField(blank=True, max_length=60, verbose_name='kortnavn')),
                    ],
                    options={
                        'verbose_name': 'virksomhet',
                        'verbose_name_plural': 'virksomheter',
                        'db_table': 'meetings_organisation',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalBody',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('name', models.CharField(db_index=True, max_length=200, verbose_name='navn')),
                        ('short_name', models.CharField(help_text='Brukes i vedtak: «Styringsgruppen godkjenner …»', max_length=80, verbose_name='kortnavn')),
                        ('slug', models.SlugField(verbose_name='nettadresse')),
                        ('description', models.TextField(blank=True, verbose_name='beskrivelse')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-post til sekretariatet')),
                        ('circulation_quorum', models.PositiveSmallIntegerField(default=50, help_text='En sirkulasjonssak er beslutningsdyktig når flere enn så mange prosent av medlemsvirksomhetene har svart innen svarfristen. 50 betyr at mer enn halvparten må svare; 100 betyr at alle må svare.', validators=[django.core.validators.MaxValueValidator(100)], verbose_name='beslutningsdyktighet ved sirkulasjon (prosent)')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical styringsgruppe',
                        'verbose_name_plural': 'historical styringsgrupper',
                        'db_table': 'meetings_historicalbody',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalOrganisation',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('name', models.CharField(db_index=True, max_length=200, verbose_name='navn')),
                        ('short_name', models.CharField(blank=True, max_length=60, verbose_name='kortnavn')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical virksomhet',
                        'verbose_name_plural': 'historical virksomheter',
                        'db_table': 'meetings_historicalorganisation',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalPerson',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='navn')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-post')),
                        ('phone', models.CharField(blank=True, max_length=40, verbose_name='telefon')),
                        ('title', models.CharField(blank=True, max_length=200, verbose_name='stilling')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('user', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='brukerkonto')),
                    ],
                    options={
                        'verbose_name': 'historical person',
                        'verbose_name_plural': 'historical personer',
                        'db_table': 'meetings_historicalperson',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalMembership',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('member', 'Medlem'), ('observer', 'Observatør')], default='member', max_length=10, verbose_name='type')),
                        ('represents', models.CharField(blank=True, help_text='Kategori virksomheten representerer, f.eks. «Pasientorganisasjoner».', max_length=120, verbose_name='representerer')),
                        ('sort_order', models.PositiveIntegerField(default=0, verbose_name='rekkefølge')),
                        ('start_date', models.DateField(blank=True, null=True, verbose_name='fra')),
                        ('end_date', models.DateField(blank=True, null=True, verbose_name='til')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('body', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='governance.body', verbose_name='styringsgruppe')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('organisation', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='governance.organisation', verbose_name='virksomhet')),
                    ],
                    options={
                        'verbose_name': 'historical medlemskap',
                        'verbose_name_plural': 'historical medlemskap',
                        'db_table': 'meetings_historicalmembership',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Person',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='navn')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-post')),
                        ('phone', models.CharField(blank=True, max_length=40, verbose_name='telefon')),
                        ('title', models.CharField(blank=True, max_length=200, verbose_name='stilling')),
                        ('user', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='person', to=settings.AUTH_USER_MODEL, verbose_name='brukerkonto')),
                    ],
                    options={
                        'verbose_name': 'person',
                        'verbose_name_plural': 'personer',
                        'db_table': 'meetings_person',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalRepresentation',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('role', models.CharField(choices=[('chair', 'Leder'), ('member', 'Representant'), ('deputy', 'Vara'), ('secretariat', 'Sekretariat')], default='member', max_length=12, verbose_name='rolle')),
                        ('start_date', models.DateField(blank=True, null=True, verbose_name='fra')),
                        ('end_date', models.DateField(blank=True, null=True, verbose_name='til')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('body', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='governance.body', verbose_name='styringsgruppe')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('organisation', models.ForeignKey(blank=True, db_constraint=False, help_text='Tom for sekretariatet.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='governance.organisation', verbose_name='virksomhet')),
                        ('person', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='governance.person', verbose_name='person')),
                    ],
                    options={
                        'verbose_name': 'historical representasjon',
                        'verbose_name_plural': 'historical representasjoner',
                        'db_table': 'meetings_historicalrepresentation',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Membership',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('member', 'Medlem'), ('observer', 'Observatør')], default='member', max_length=10, verbose_name='type')),
                        ('represents', models.CharField(blank=True, help_text='Kategori virksomheten representerer, f.eks. «Pasientorganisasjoner».', max_length=120, verbose_name='representerer')),
                        ('sort_order', models.PositiveIntegerField(default=0, verbose_name='rekkefølge')),
                        ('start_date', models.DateField(blank=True, null=True, verbose_name='fra')),
                        ('end_date', models.DateField(blank=True, null=True, verbose_name='til')),
                        ('body', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='governance.body', verbose_name='styringsgruppe')),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='governance.organisation', verbose_name='virksomhet')),
                    ],
                    options={
                        'verbose_name': 'medlemskap',
                        'verbose_name_plural': 'medlemskap',
                        'db_table': 'meetings_membership',
                        'ordering': ['body', 'kind', 'sort_order', 'organisation__name'],
                        'constraints': [models.UniqueConstraint(fields=('body', 'organisation'), name='membership_unique')],
                    },
                ),
                migrations.CreateModel(
                    name='Representation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('role', models.CharField(choices=[('chair', 'Leder'), ('member', 'Representant'), ('deputy', 'Vara'), ('secretariat', 'Sekretariat')], default='member', max_length=12, verbose_name='rolle')),
                        ('start_date', models.DateField(blank=True, null=True, verbose_name='fra')),
                        ('end_date', models.DateField(blank=True, null=True, verbose_name='til')),
                        ('body', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='representations', to='governance.body', verbose_name='styringsgruppe')),
                        ('organisation', models.ForeignKey(blank=True, help_text='Tom for sekretariatet.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='representations', to='governance.organisation', verbose_name='virksomhet')),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='representations', to='governance.person', verbose_name='person')),
                    ],
                    options={
                        'verbose_name': 'representasjon',
                        'verbose_name_plural': 'representasjoner',
                        'db_table': 'meetings_representation',
                        'ordering': ['body', 'organisation__name', 'role', 'person__name'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('end_date__isnull', True), ('start_date__isnull', True), ('end_date__gte', models.F('start_date')), _connector='OR'), name='representation_period_ordered')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
