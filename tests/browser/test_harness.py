"""The browser harness itself: axe really runs and really fails on a violation."""

import pytest

from .helpers import assert_no_axe_violations, axe_violations

pytestmark = pytest.mark.browser


def test_axe_reports_violations_readably(page):
    page.set_content(
        '<!DOCTYPE html><html><head><title>x</title></head>'
        '<body><main><img src="/x.png"><a href="/a"></a></main></body></html>'
    )

    ids = {v["id"] for v in axe_violations(page)}
    assert {"html-has-lang", "image-alt", "link-name"} <= ids

    with pytest.raises(AssertionError) as failure:
        assert_no_axe_violations(page)
    message = str(failure.value)
    assert "image-alt" in message and "at img" in message
