"""Helpers for the browser tests: go to a page and check it with axe, log in.

Every page a test lands on should pass ``assert_no_axe_violations``; ``visit`` does it for
pages reached with a URL, tests call it themselves after a click or a form post.
"""

from pathlib import Path

from playwright.sync_api import Page

AXE_PATH = Path(__file__).parent / "vendor" / "axe.min.js"

# WCAG 2.1 level A and AA, which is what the Norwegian regulations (forskrift om universell
# utforming av IKT-løsninger) require.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_AXE_RUN = """
async (tags) => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return results.violations.map(v => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary})),
  }));
}
"""


def axe_violations(page: Page) -> list[dict]:
    """Run axe-core on the page as it is now and return its WCAG 2.1 A/AA violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol rather than added as a <script>: the portal's
        # Content Security Policy (rightly) refuses inline scripts, and the tests keep it on.
        page.evaluate(AXE_PATH.read_text(encoding="utf-8") + "\n;undefined")
    return page.evaluate(_AXE_RUN, AXE_TAGS)


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}  <{v['helpUrl']}>")
        for node in v["nodes"]:
            lines.append(f"    at {node['target']}")
            for detail in (node["summary"] or "").splitlines():
                if detail.strip():
                    lines.append(f"       {detail.strip()}")
    return "\n".join(lines)


def assert_no_axe_violations(page: Page) -> None:
    """Fail with a readable list if axe finds WCAG 2.1 A/AA violations on the page."""
    violations = axe_violations(page)
    if violations:
        raise AssertionError(
            f"axe found {len(violations)} WCAG 2.1 A/AA violation(s) on {page.url}:\n"
            + format_violations(violations)
        )


# htmx marks requests in flight (.htmx-request) and content it has swapped in but not yet
# settled (.htmx-swapping, .htmx-settling, .htmx-added). Only after settling are the new
# elements' hx-* attributes live, so a click before that posts the form the ordinary way.
# (page.wait_for_load_state("networkidle") does not wait for this: once the page has been
# idle, it returns at once.)
_HTMX_QUIET = """
() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')
"""


def wait_for_htmx(page: Page) -> None:
    """Wait until every htmx request has been answered and its content settled."""
    page.wait_for_function(_HTMX_QUIET)


def visit(page: Page, url: str, *, status: int = 200, axe: bool = True):
    """Go to ``url`` (a path like "/start/" is resolved against the live server), check the
    final response's status and run axe. Returns the Playwright response."""
    response = page.goto(url)
    assert response is not None, f"no response for {url}"
    assert response.status == status, f"{url}: HTTP {response.status}, expected {status}"
    if axe:
        assert_no_axe_violations(page)
    return response


def login(page: Page, live_server, username: str, password: str) -> None:
    """Fill in and send the login form, and the two-factor step after it for a person with an
    authenticator app (the code is computed from their secret, as the app would). Does not
    check the outcome: a test of a wrong password uses it too. Afterwards the page is wherever
    the login sent the browser.

    Someone who must use two-factor authentication (the secretariat) but has not set it up,
    such as the demo data's secretariat, is given an authenticator first, as if they had set
    one up earlier; the set-up itself is tested in tests/browser/test_two_factor.py."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    from normen_portal.accounts import has_totp, two_factor_required
    from tests.factories import give_totp, totp_code

    user = get_user_model().objects.filter(Q(username=username) | Q(email__iexact=username)).first()
    if user is not None and two_factor_required(user) and not has_totp(user):
        give_totp(user)

    page.goto(f"{live_server.url}/konto/login/")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(password)
    with page.expect_navigation():
        page.get_by_role("main").get_by_role("button", name="Logg inn").click()
    if user is not None and "/konto/2fa/authenticate/" in page.url:
        page.get_by_label("Kode", exact=True).fill(totp_code(user))
        with page.expect_navigation():
            page.get_by_role("main").get_by_role("button", name="Logg inn").click()


def sign_in(page, live_server, user):
    """A session for ``user`` without the login form (logging in, with the secretariat's
    second factor, is tested on its own in test_front_and_login and test_two_factor). The
    user gets an authenticator on record, which satisfies the rule that the secretariat uses
    two-factor authentication; the session is made as the test client's force_login makes it.
    """
    from allauth.mfa.models import Authenticator
    from django.conf import settings
    from django.test import Client

    page.context.clear_cookies()
    Authenticator.objects.get_or_create(user=user, type=Authenticator.Type.TOTP,
                                        defaults={"data": {"secret": "test"}})
    client = Client()
    client.force_login(user)
    page.context.add_cookies([{
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }])
