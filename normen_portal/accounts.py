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
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from governance.permissions import is_secretariat_anywhere
from normen_portal import login_guard


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
        # The same answer whether the account exists or not, and whoever was refused.
        "too_many_login_attempts": _(
            "For mange mislykkede innloggingsforsøk. Vent noen minutter og prøv igjen. "
            "Er det kontoen din, får du en e-post med en lenke som lar deg logge inn likevel."
        ),
        "incorrect_password": _("Passordet er feil."),
        "enter_current_password": _("Skriv inn passordet du har nå."),
    }

    def authenticate(self, request, **credentials):
        # The login form hands the backends the typed text twice, as "email" and as
        # "username", when it looks like an address. allauth's backend then checks the
        # password of an existing address twice (once taking the text as a username, which it
        # also looks up as an address, once as the address) but an unknown address costs one
        # dummy hash: a wrong password took ~50 % longer for an existing address (issue 11).
        # Given once, as "username", allauth's backend still tries it as an address first,
        # then as a username, and every attempt costs the same hashes: one in Django's
        # ModelBackend (real or dummy) and one in allauth's (real or dummy).
        if credentials.get("email") is not None and \
                credentials.get("email") == credentials.get("username"):
            credentials = {k: v for k, v in credentials.items() if k != "email"}
        return super().authenticate(request, **credentials)

    def pre_authenticate(self, request, **credentials):
        # Throttling per account and client address, per address and per account, with an
        # unlock link for the owner: see normen_portal.login_guard.
        account = login_guard.account_key(
            credentials.get("email", credentials.get("username", "")))
        login_guard.redeem_from_request(request, account)
        self._login_failed_rl_usage = login_guard.consume_attempt(request, account)
        if not self._login_failed_rl_usage:
            raise self.validation_error("too_many_login_attempts")

    def _get_login_attempts_cache_key(self, request, **credentials):
        login = credentials.get("email", credentials.get("username", ""))
        return login_guard.source_key(request, login_guard.account_key(login))

    def _delete_login_attempts_cached_email(self, request, **credentials):
        # After a password reset (only the mailbox's owner can do one), for each address.
        login_guard.clear(request, login_guard.account_key(
            credentials.get("email", credentials.get("username", ""))))

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
        # An unlock link from the e-mail (login_guard) opens this page; the token rides along
        # in a hidden field and is used by the first login attempt for its account, never by
        # merely opening the link (mail scanners open links too).
        self.unlock_link = None
        request = self.request
        if request is not None:
            token = (request.POST if request.method == "POST" else request.GET).get(
                login_guard.UNLOCK_FIELD, "")
            if token:
                self.fields[login_guard.UNLOCK_FIELD] = forms.CharField(
                    required=False, initial=token, widget=forms.HiddenInput)
                self.unlock_link = (
                    "valid" if login_guard.token_works_here(request, token) else "invalid")


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
        # A code works once (normen_portal.totp_codes), also while Redis is down.
        "code_already_used": _(
            "Denne koden er allerede brukt. Vent til appen viser en ny kode, og skriv inn den."
        ),
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
