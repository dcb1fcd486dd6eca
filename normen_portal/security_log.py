"""Security events in the log (logger ``normen_portal.security``): logins, failed logins and
codes, logging out, and changes to password, e-mail address and two-factor set-up. Who and
from which address, never what was typed."""

import logging

from allauth.account import signals as account_signals
from allauth.core.internal.httpkit import get_client_ip
from allauth.mfa import signals as mfa_signals
from django.contrib.auth import signals as auth_signals
from django.dispatch import receiver

logger = logging.getLogger("normen_portal.security")


def _ip(request):
    try:
        return get_client_ip(request) if request is not None else "-"
    except Exception:  # a log line must never break a login
        return "-"


def _who(user):
    return f"{user.get_username()} (#{user.pk})" if user is not None else "-"


@receiver(auth_signals.user_logged_in, dispatch_uid="normen_portal.security_log.in")
def logged_in(sender, request, user, **kwargs):
    logger.info("login: %s from %s", _who(user), _ip(request))


@receiver(auth_signals.user_logged_out, dispatch_uid="normen_portal.security_log.out")
def logged_out(sender, request, user, **kwargs):
    logger.info("logout: %s from %s", _who(user), _ip(request))


@receiver(auth_signals.user_login_failed, dispatch_uid="normen_portal.security_log.failed")
def login_failed(sender, credentials, request=None, **kwargs):
    # Django has already masked the password in ``credentials``; only the name is logged.
    name = credentials.get("username") or credentials.get("email") or "-"
    logger.warning("failed login: %r from %s", name, _ip(request))


@receiver(mfa_signals.authentication_failed, dispatch_uid="normen_portal.security_log.mfa")
def code_failed(sender, request, user, authenticator, reauthentication, **kwargs):
    logger.warning("wrong %s code%s: %s from %s", authenticator.type,
                   " (re-authentication)" if reauthentication else "", _who(user), _ip(request))


@receiver(mfa_signals.authenticator_added, dispatch_uid="normen_portal.security_log.added")
@receiver(mfa_signals.authenticator_removed, dispatch_uid="normen_portal.security_log.removed")
@receiver(mfa_signals.authenticator_reset, dispatch_uid="normen_portal.security_log.reset")
def authenticator_changed(sender, request, user, authenticator, signal, **kwargs):
    change = {mfa_signals.authenticator_added: "added", mfa_signals.authenticator_removed:
              "removed", mfa_signals.authenticator_reset: "renewed"}[signal]
    logger.info("%s %s: %s from %s", authenticator.type, change, _who(user), _ip(request))


@receiver(account_signals.password_changed, dispatch_uid="normen_portal.security_log.pw")
@receiver(account_signals.password_reset, dispatch_uid="normen_portal.security_log.reset_pw")
@receiver(account_signals.password_set, dispatch_uid="normen_portal.security_log.set_pw")
def password_changed(sender, request, user, signal, **kwargs):
    how = {account_signals.password_changed: "changed", account_signals.password_reset:
           "reset", account_signals.password_set: "set"}[signal]
    logger.info("password %s: %s from %s", how, _who(user), _ip(request))


@receiver(account_signals.email_changed, dispatch_uid="normen_portal.security_log.email")
def email_changed(sender, request, user, from_email_address, to_email_address, **kwargs):
    logger.info("e-mail changed: %s from %s", _who(user), _ip(request))
