"""The portal's own pages: the public front page, the signed-in start page, the account page."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.adapter import get_adapter as get_socialaccount_adapter
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from actionplan.selectors import proposals_for_user
from meetings.selectors import memberships_for_user
from normen_portal.accounts import two_factor_required
from normen_portal.todo import secretariat_bodies, secretariat_tasks


def front(request):
    return render(request, "public/front.html")


@login_required
def start(request):
    return render(
        request,
        "start.html",
        {
            "memberships": memberships_for_user(request.user),
            "my_proposals": proposals_for_user(request.user)[:5],
            "tasks": secretariat_tasks(request.user),
            "is_secretariat": bool(secretariat_bodies(request.user)),
        },
    )


@login_required
def account_overview(request):
    """The person's own account: e-mail address, password, two-factor authentication and
    single sign-on, each linking to the page that changes it."""
    user = request.user
    authenticators = {a.type: a for a in Authenticator.objects.filter(user=user)}
    recovery_codes = authenticators.get(Authenticator.Type.RECOVERY_CODES)
    return render(
        request,
        "account/overview.html",
        {
            "email": EmailAddress.objects.get_primary_email(user) or user.email,
            "has_usable_password": user.has_usable_password(),
            "totp": authenticators.get(Authenticator.Type.TOTP),
            "recovery_codes": recovery_codes.wrap() if recovery_codes else None,
            "two_factor_required": two_factor_required(user),
            "sso_providers": get_socialaccount_adapter().list_providers(request),
            "sso_accounts": SocialAccount.objects.filter(user=user),
        },
    )


@never_cache
def keep_alive(request):
    """Asked by static/js/session.js while someone types: the request itself is the activity
    that SessionTimeoutMiddleware counts. Nothing to answer."""
    return HttpResponse(status=204)

