"""How django-allauth behaves in the portal: who may sign up (nobody), which accounts must use
two-factor authentication (the secretariat), and how authenticator secrets are kept.

The rule "the secretariat must use two-factor authentication" lives here, in
``two_factor_required``; the middleware, the MFA adapter and the tests all ask this function.
"""

import base64
import hashlib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.models import EmailAddress
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from meetings.permissions import is_secretariat_anywhere


def two_factor_required(user):
    """The secretariat (in any body) and staff who can use the admin must log in with a second
    factor: they can change what every member and the public sees."""
    if user is None or not user.is_authenticated:
        return False
    return user.is_staff or is_secretariat_anywhere(user)


def has_totp(user):
    return Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "username_password_mismatch": _("Brukernavnet eller passordet er feil."),
        "email_password_mismatch": _("E-postadressen eller passordet er feil."),
        "too_many_login_attempts": _(
            "For mange mislykkede innloggingsforsøk. Vent noen minutter og prøv igjen."
        ),
        "incorrect_password": _("Passordet er feil."),
        "enter_current_password": _("Skriv inn passordet du har nå."),
    }

    def _get_login_attempts_cache_key(self, request, **credentials):
        # allauth counts failed logins per site domain and per what was typed. Without
        # django.contrib.sites the domain is the request's Host header, and a username and an
        # e-mail address of one account are two different texts: each host name, and each of
        # the two ways to name the account, would get the whole allowance. Count per account.
        login = credentials.get("email", credentials.get("username", "")).strip().lower()
        matches = list(get_user_model().objects.filter(
            Q(username__iexact=login) | Q(email__iexact=login)).values_list("pk", flat=True)[:2])
        # A shared mailbox names several accounts: then the text itself is counted.
        return f"account:{matches[0]}" if len(matches) == 1 else f"login:{login}"

    def is_open_for_signup(self, request):
        # The secretariat creates accounts in the admin; there is no public sign-up, neither
        # with a password nor through single sign-on.
        return False

    def send_notification_mail(self, template_prefix, user, context=None, email=None):
        # Accounts made in the admin have an address on the user but no EmailAddress row
        # until the person opens the e-mail page; security notices must reach them anyway.
        email = email or EmailAddress.objects.get_primary_email(user) or user.email
        super().send_notification_mail(template_prefix, user, context=context, email=email)


class LoginForm(AllauthLoginForm):
    """allauth's login form with the portal's labels: one field takes a username or an e-mail
    address, and the link to reset a forgotten password sits under the form, not in the
    password field's help text."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        login = self.fields["login"]
        login.label = _("Brukernavn eller e-postadresse")
        login.widget.attrs = {"autocomplete": "username", "autocapitalize": "none",
                              "autofocus": True}
        password = self.fields["password"]
        password.help_text = ""
        password.widget.attrs = {"autocomplete": "current-password"}


@receiver(post_save, sender=get_user_model(), dispatch_uid="normen_portal.accounts.email")
def record_email_address(sender, instance, raw=False, update_fields=None, **kwargs):
    """The address the secretariat gives a user (in the admin, or the demo data) becomes their
    primary, verified address for allauth: they log in with it, security notices go to it, and
    when they change it themselves the old address is told."""
    if raw or not instance.email or (update_fields is not None and "email" not in update_fields):
        return
    addresses = EmailAddress.objects.filter(user=instance)
    if addresses.filter(email__iexact=instance.email, primary=True).exists():
        return
    # Another account may already have this address verified (a shared mailbox); it stays
    # unverified here then, which allauth's uniqueness rule requires.
    taken = EmailAddress.objects.filter(email__iexact=instance.email, verified=True).exclude(
        user=instance).exists()
    addresses.filter(primary=True).update(primary=False)
    address, _ = EmailAddress.objects.get_or_create(user=instance, email=instance.email,
                                                    defaults={"verified": not taken})
    address.primary = True
    address.save(update_fields=["primary"])


def _fernet():
    """Fernet keys derived from SECRET_KEY, then from each of SECRET_KEY_FALLBACKS, so that a
    key rotation done the Django way keeps existing authenticators readable."""
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet([
        Fernet(base64.urlsafe_b64encode(
            hashlib.sha256(f"normen-portal.mfa:{key}".encode()).digest()
        ))
        for key in keys
    ])


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "cannot_delete_authenticator": _(
            "Sekretariatet må bruke tofaktorautentisering, så autentiseringsappen kan ikke "
            "slås av. Vil du bytte telefon, kan du sette opp appen på nytt fra den nye "
            "telefonen med den samme hemmelige nøkkelen, eller be sekretariatet om hjelp."
        ),
        "incorrect_code": _("Koden er feil eller utløpt. Skriv inn koden appen viser nå."),
    }

    def get_totp_issuer(self):
        return settings.MFA_TOTP_ISSUER

    def encrypt(self, text):
        # The TOTP secret and the recovery-code seed are stored encrypted: a copy of the
        # database alone is not enough to produce someone's codes.
        return _fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text):
        return _fernet().decrypt(encrypted_text.encode()).decode()

    def can_delete_authenticator(self, authenticator):
        if authenticator.type == Authenticator.Type.TOTP:
            return not two_factor_required(authenticator.user)
        return True
