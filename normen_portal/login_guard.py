"""Login throttling that slows whoever guesses without locking the owner out (issue 11).

allauth counts failed password and code attempts ("login_failed" in ACCOUNT_RATE_LIMITS). It
used to count them per account over all addresses, so five wrong passwords from anywhere
locked the secretariat out everywhere, and one attempt a minute kept it locked. Now:

- **Per account and client address** (``source_key``), a back-off that grows with the
  failures: the "key" rates of "login_failed" (five in five minutes, ten in an hour, twenty in
  a day), so an attacker who keeps failing from his address waits longer and longer, and the
  owner logging in from hers is not affected. No CAPTCHA.
- **Per client address**, over all accounts: the "ip" rate of "login_failed", high enough for
  one office behind one NAT address.
- **Per account**, over all addresses (``ACCOUNT_ACTION``): a cap well above what one address
  can reach through its back-off, against guessing spread over many addresses. When it is
  reached, everyone is refused except a browser the owner has unlocked.
- **Unlock link**: whenever attempts on an existing account are refused, its owner gets (at
  most once per ``UNLOCK_EMAIL_INTERVAL``) an e-mail with a signed link that works once and for
  ``UNLOCK_LINK_SECONDS``. The link opens the login page; the first login attempt that carries
  it, for that account, unlocks that browser's session for ``UNLOCK_SESSION_SECONDS``: its
  attempts skip the account-wide cap and get a back-off of their own, apart from the address
  (an attacker behind the same NAT cannot slow the owner down either).

Every answer is the same whether the account exists or not: an unknown name is counted under
its text ("login:<text>") the same way, and the refusal message is the same.

The counts live in the cache like allauth's own (keys "allauth:rl:…"), so they keep counting
in each process while Redis is down (normen_portal.cache). The unlock links live in the
database, so "at most one e-mail an hour" and "works once" hold without Redis too.
"""

import hashlib
import logging
import secrets
import smtplib
import time
from datetime import timedelta
from urllib.parse import urlencode

from allauth.account.models import EmailAddress
from allauth.core.internal import ratelimit
from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from normen_portal import outbox
from normen_portal.models import LoginUnlock

logger = logging.getLogger(__name__)

APP = "allauth.account"
ACTION = "login_failed"  # allauth's: per address and per (account, address or unlock)
ACCOUNT_ACTION = "login_failed_account"  # ours: per account over all addresses

# The login form's field (and the link's query parameter) that carries an unlock token.
UNLOCK_FIELD = "unlock"
UNLOCK_EMAIL_INTERVAL = timedelta(hours=1)
UNLOCK_LINK_SECONDS = 60 * 60
UNLOCK_SESSION_SECONDS = 60 * 60
_SESSION_KEY = "normen_portal.login_unlock"
_SALT = "normen_portal.login_guard.unlock"


# -- Which account an attempt is for --------------------------------------------------------

def account_key(login):
    """The account the typed login names: "account:<pk>", or "login:<text>" for a text that
    names no account (or several: a shared mailbox), counted the same way.

    allauth itself counts per site domain and per typed text. Without django.contrib.sites the
    domain is the request's Host header, and a username and an e-mail address of one account
    are two texts: each host name, and each way to name the account, would get the whole
    allowance. So the count is per account."""
    login = (login or "").strip().lower()
    matches = list(get_user_model().objects.filter(
        Q(username__iexact=login) | Q(email__iexact=login)).values_list("pk", flat=True)[:2])
    return f"account:{matches[0]}" if len(matches) == 1 else f"login:{login}"


def account_key_for_user(user):
    return f"account:{user.pk}"


def _user_pk(account):
    return int(account.split(":", 1)[1]) if account.startswith("account:") else None


# -- The attempt counts ---------------------------------------------------------------------

def _unlocked(request, account):
    """The id of the unlock this browser's session holds for ``account``, if still valid.
    Someone logged in to the account (confirming her password to change a setting) holds it
    too: a botnet at the login page must not stop her there."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and account == account_key_for_user(user):
        return "signed-in"
    session = getattr(request, "session", None)
    held = session.get(_SESSION_KEY) if session is not None else None
    if held and held.get("account") == account and held.get("until", 0) > time.time():
        return held["id"]
    return None


def source_key(request, account):
    """What the back-off is counted per: the account with the client address, or with the
    unlock this browser holds (then the address does not matter)."""
    unlock = _unlocked(request, account)
    if unlock is not None:
        return f"{account}|unlocked:{unlock}"
    return f"{account}|ip:{ratelimit.get_ip(request)}"


def consume_attempt(request, account):
    """Count one attempt for ``account`` before its password or code is checked. Returns the
    usage, to roll back if the attempt succeeds; None if the attempt must be refused, and then
    the owner is offered an unlock link."""
    usage = ratelimit.consume(request, app=APP, action=ACTION,
                              key=source_key(request, account))
    if usage is not None and _unlocked(request, account) is None:
        # Only what gets past this address's own back-off counts for the account: one address
        # can never use up the whole account's allowance.
        account_usage = ratelimit.consume(request, app=APP, action=ACCOUNT_ACTION, key=account)
        if account_usage is None:
            usage = None
        else:
            usage.usage.extend(account_usage.usage)
    if usage is None:
        offer_unlock(request, account)
    return usage


def clear(request, account):
    """Forget the failures of ``account`` from this request's address and over all addresses
    (after a password reset, which only the mailbox's owner can do)."""
    ratelimit.clear(request, app=APP, action=ACTION, key=source_key(request, account))
    ratelimit.clear(request, app=APP, action=ACCOUNT_ACTION, key=account)


# -- Unlock links ---------------------------------------------------------------------------

def _hash(nonce):
    return hashlib.sha256(nonce.encode()).hexdigest()


def _address(user):
    return EmailAddress.objects.get_primary_email(user) or user.email


def offer_unlock(request, account):
    """Make an unlock link for the owner of ``account`` and have it e-mailed, unless one was
    made within UNLOCK_EMAIL_INTERVAL. The same queries run for a name that is no account, so
    a refused attempt takes as long either way."""
    pk = _user_pk(account) or 0
    since = timezone.now() - UNLOCK_EMAIL_INTERVAL
    if LoginUnlock.objects.filter(user_id=pk, created_at__gte=since).exists() or not pk:
        return None
    User = get_user_model()
    with transaction.atomic():
        # One e-mail per interval also when attempts arrive at the same moment.
        user = User.objects.select_for_update().filter(pk=pk, is_active=True).first()
        if user is None or not _address(user):
            return None
        if LoginUnlock.objects.filter(user_id=pk, created_at__gte=since).exists():
            return None
        now = timezone.now()
        LoginUnlock.objects.filter(expires_at__lt=now - timedelta(days=1)).delete()
        try:
            ip = ratelimit.get_ip(request)
        except Exception:  # noqa: BLE001 - the address is only information for the owner
            ip = None
        unlock = LoginUnlock.objects.create(
            user=user, created_at=now, expires_at=now + timedelta(seconds=UNLOCK_LINK_SECONDS),
            throttled_from=ip)
        outbox.enqueue(send_login_unlock, unlock.pk)
    logger.info("login throttled for #%s; unlock link #%s made", pk, unlock.pk)
    return unlock


def make_token(unlock, nonce):
    return signing.dumps({"id": unlock.pk, "n": nonce}, salt=_SALT)


def unlock_url(token):
    return f"{settings.SITE_URL.rstrip('/')}{reverse('login')}?{urlencode({UNLOCK_FIELD: token})}"


def _load(token):
    """(unlock id, nonce) of a genuine token not older than the link's lifetime, or None."""
    try:
        data = signing.loads(token or "", salt=_SALT, max_age=UNLOCK_LINK_SECONDS)
        return int(data["id"]), str(data["n"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def read_token(token):
    """The unlock a token names if it is genuine, unused and unexpired (not using it)."""
    loaded = _load(token)
    if loaded is None:
        return None
    pk, nonce = loaded
    return LoginUnlock.objects.filter(pk=pk, token_hash=_hash(nonce), used_at__isnull=True,
                                      expires_at__gt=timezone.now()).first()


def token_works_here(request, token):
    """For the login page: does this link still let this browser in? (Unused, or used by this
    very session, whose unlock still holds.)"""
    if read_token(token) is not None:
        return True
    loaded = _load(token)
    held = request.session.get(_SESSION_KEY) if hasattr(request, "session") else None
    return bool(loaded and held and held.get("id") == loaded[0]
                and held.get("until", 0) > time.time())


def redeem(request, account, token):
    """Use the unlock link ``token`` for ``account``, once: this browser's session then gets
    past the account-wide cap, with a back-off of its own. True if it did."""
    unlock = read_token(token)
    pk = _user_pk(account)
    if unlock is None or pk is None or unlock.user_id != pk:
        return False
    # The conditional update is what makes the link single-use, also when two requests carry
    # it at the same moment.
    if not LoginUnlock.objects.filter(pk=unlock.pk, used_at__isnull=True).update(
            used_at=timezone.now()):
        return False
    request.session[_SESSION_KEY] = {"account": account, "id": unlock.pk,
                                     "until": time.time() + UNLOCK_SESSION_SECONDS}
    logger.info("unlock link #%s used for #%s", unlock.pk, pk)
    return True


def redeem_from_request(request, account):
    """Redeem the token a login form posted, if any."""
    token = request.POST.get(UNLOCK_FIELD) if request.method == "POST" else None
    if token and _unlocked(request, account) is None:
        redeem(request, account, token)


@shared_task(name="normen_portal.send_login_unlock", ignore_result=True, base=outbox.OutboxTask,
             autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
             retry_backoff=30, retry_backoff_max=600, max_retries=8)
def send_login_unlock(unlock_id):
    """Write and send the e-mail with the unlock link. The token is made here, so it never
    waits in the broker or the outbox; a failed send rolls the token back for the retry."""
    with transaction.atomic():
        unlock = (LoginUnlock.objects.select_for_update().select_related("user")
                  .filter(pk=unlock_id, token_hash="", used_at__isnull=True).first())
        if unlock is None or unlock.expires_at <= timezone.now():
            return False
        address = _address(unlock.user)
        if not address:
            return False
        nonce = secrets.token_urlsafe(24)
        unlock.token_hash = _hash(nonce)
        unlock.save(update_fields=["token_hash"])
        context = {"user": unlock.user, "unlock_url": unlock_url(make_token(unlock, nonce)),
                   "minutes": UNLOCK_LINK_SECONDS // 60, "ip": unlock.throttled_from,
                   "timestamp": timezone.localtime(unlock.created_at)}
        subject = " ".join(render_to_string("account/email/login_unlock_subject.txt",
                                            context).split())
        body = render_to_string("account/email/login_unlock_message.txt", context).strip()
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
    return True
