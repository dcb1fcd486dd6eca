"""Factories for tests: small, real objects shaped like the seeds."""

import datetime
import time

import factory
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from allauth.mfa.utils import decrypt
from django.contrib.auth import get_user_model
from django.core.cache import cache

from governance.models import Body, Membership, Organisation, Person, Representation
from meetings.models import AgendaItem, CaseType, Meeting

PASSWORD = "Et-langt-testpassord-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"bruker{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.no")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Styringsgruppe {n}")
    short_name = "Styringsgruppen"
    slug = factory.Sequence(lambda n: f"gruppe-{n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Helseforetak {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    body = factory.SubFactory(BodyFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    kind = Membership.Kind.MEMBER


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.no")


class RepresentationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Representation

    person = factory.SubFactory(PersonFactory)
    body = factory.SubFactory(BodyFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Representation.Role.MEMBER


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    date = datetime.date(2024, 6, 10)
    start_time = datetime.time(10, 0)
    end_time = datetime.time(15, 0)
    place = "Skøyen"
    form = Meeting.Form.PHYSICAL


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    body = factory.LazyAttribute(lambda i: i.meeting.body)
    position = factory.Sequence(lambda n: (n + 1) * 10)
    title = factory.Sequence(lambda n: f"Sak om informasjonssikkerhet {n}")
    case_type = CaseType.ORIENTATION
    proposed_decision = "Styringsgruppen tar saken til orientering."


def person_with_user(username, *, body, organisation=None, role=Representation.Role.MEMBER,
                     kind=Membership.Kind.MEMBER, name=None):
    """A person who logs in and holds a seat in ``body`` (the organisation's membership is
    created with ``kind`` if it does not exist)."""
    user = UserFactory(username=username)
    person = PersonFactory(name=name or username.capitalize(), user=user, email=user.email)
    if organisation is not None:
        Membership.objects.get_or_create(body=body, organisation=organisation,
                                         defaults={"kind": kind})
    RepresentationFactory(person=person, body=body, organisation=organisation, role=role)
    if role == Representation.Role.SECRETARIAT:
        # The secretariat must use two-factor authentication; without an authenticator every
        # page would send them to set one up.
        give_totp(user)
    return user


def give_totp(user):
    """An authenticator app for ``user``, as if they had set one up. Returns the secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(user, *, unused=True):
    """The code the user's authenticator app shows now. With ``unused``, one the portal has
    not accepted yet: a code works once, and the portal also takes the next one (a clock one
    step ahead), so a second login within the same 30 seconds gets that."""
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    secret = decrypt(authenticator.data["secret"])
    counter = int(time.time()) // 30
    for step in (counter, counter + 1):
        code = format_hotp_value(hotp_value(secret, step))
        if not unused or not cache.get(TOTP(authenticator)._get_used_cache_key(code)):
            return code
    raise AssertionError("both codes valid now have been used; wait for the next period")


def set_status(obj, status, **fields):
    """Put ``obj`` in ``status`` for a test's starting point, past the transitions on purpose
    (a queryset update, which the protected state field does not see): the services refuse a
    status set by plain assignment, and a test's setup is not a change of the record."""
    type(obj).objects.filter(pk=obj.pk).update(status=status, **fields)
    obj.refresh_from_db()
    return obj
