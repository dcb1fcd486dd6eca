"""Authenticator-app (TOTP) codes work once, with or without Redis (issue 11, finding 6).

allauth marks a used code with ``cache.add``; while Redis is down the portal's cache answers
"added" to everything (normen_portal.cache), so one code opened six logins in a row. Here the
code's time step is recorded in the database (``UsedTotpCode``, unique per user and step)
before the code is accepted: the insert either succeeds, and the code is good, or hits the
constraint, and the code was used already. That is one atomic step in PostgreSQL, shared by
every process, and needs no cache. allauth's cache mark is still set too, for anything that
asks allauth.

The MFA forms below are allauth's (MFA_FORMS), with two changes: TOTP codes are checked
here, and the login's code step is throttled like the password step, per account and client
address with the account-wide cap and the unlock link (normen_portal.login_guard), instead of
allauth's count per account over all addresses.
"""

import time

from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.core import context
from allauth.core.internal.cryptokit import compare_user_code
from allauth.mfa import app_settings
from allauth.mfa.adapter import get_adapter
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.base.internal.flows import check_rate_limit
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.forms import ActivateTOTPForm as AllauthActivateTOTPForm
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from allauth.mfa.utils import decrypt
from django.db import IntegrityError, transaction

from normen_portal import login_guard
from normen_portal.models import UsedTotpCode


class CodeAlreadyUsed(Exception):
    """A valid code that has already let someone in."""


def matching_step(secret, code):
    """The time step (within the tolerance) whose code ``code`` is, or None."""
    for counter in yield_hotp_counters_from_time():
        if compare_user_code(actual=code, expected=format_hotp_value(hotp_value(secret, counter))):
            return counter
    return None


def record_step(user_id, step):
    """Record that the code of ``step`` has been used by the user: True the first time, False
    if it was recorded already."""
    current = int(time.time()) // app_settings.TOTP_PERIOD
    # Codes older than the tolerance are refused as wrong anyway; their records can go.
    UsedTotpCode.objects.filter(time_step__lt=current - app_settings.TOTP_TOLERANCE).delete()
    try:
        with transaction.atomic():
            UsedTotpCode.objects.create(user_id=user_id, time_step=step)
    except IntegrityError:
        return False
    return True


def _mark_in_cache(user_id, code):
    # allauth's own mark (it keys by user id only), for whatever else asks allauth.
    TOTP(Authenticator(user_id=user_id, type=Authenticator.Type.TOTP))._mark_code_used(code)


def use_totp_code(authenticator, code):
    """Accept ``code`` for the TOTP ``authenticator`` once: True if it is valid now and has
    not been used; False if it is wrong; CodeAlreadyUsed if it is valid but used."""
    step = matching_step(decrypt(authenticator.data["secret"]), code)
    if step is None:
        return False
    if not record_step(authenticator.user_id, step):
        raise CodeAlreadyUsed
    _mark_in_cache(authenticator.user_id, code)
    return True


class _CodeCheck:
    """allauth's BaseAuthenticateForm.clean_code loop, with TOTP checked by use_totp_code."""

    def _accept(self, code):
        main_auth = None
        for auth in Authenticator.objects.filter(user=self.user).exclude(
                type=Authenticator.Type.WEBAUTHN):  # WebAuthn cannot check typed codes
            if not main_auth or auth.type == Authenticator.Type.TOTP:
                main_auth = auth  # failures are reported to the main authenticator only
            try:
                if auth.type == Authenticator.Type.TOTP:
                    ok = use_totp_code(auth, code)
                else:
                    ok = auth.wrap().validate_code(code)
            except CodeAlreadyUsed:
                self._emit_authentication_failed(auth)
                raise get_adapter().validation_error("code_already_used") from None
            if ok:
                auth.user = self.user
                self.authenticator = auth
                return True
        if main_auth:
            self._emit_authentication_failed(main_auth)
        return False


class AuthenticateForm(_CodeCheck, mfa_forms.AuthenticateForm):
    """The code step of logging in."""

    def clean_code(self):
        request = context.request
        usage = login_guard.consume_attempt(request, login_guard.account_key_for_user(self.user))
        if usage is None:
            raise get_account_adapter().validation_error("too_many_login_attempts")
        code = self.cleaned_data["code"]
        if not self._accept(code):
            raise get_adapter().validation_error("incorrect_code")
        # As for the password: a success takes back its own count, not the earlier failures.
        usage.rollback()
        return code


class ReauthenticateForm(_CodeCheck, mfa_forms.ReauthenticateForm):
    """Confirming who one is, logged in: allauth's throttling (per user) is right here."""

    def clean_code(self):
        clear_rate_limit = check_rate_limit(self.user)
        code = self.cleaned_data["code"]
        if not self._accept(code):
            raise get_adapter().validation_error("incorrect_code")
        clear_rate_limit()
        return code


class ActivateTOTPForm(AllauthActivateTOTPForm):
    """Setting up the app: the code that proves it is recorded as used, so it cannot log in
    a second time within its 90 seconds."""

    def clean_code(self):
        code = super().clean_code()
        step = matching_step(self.secret, code)
        if step is not None:
            if not record_step(self.user.pk, step):
                raise get_adapter().validation_error("code_already_used")
            _mark_in_cache(self.user.pk, code)
        return code
