"""The review's demo data: comments on the upcoming meeting and an open circulation, loaded
once (a second run saves nothing)."""

from reviews import demo as reviews
from reviews.models import Circulation, Comment


def test_demo_comments_and_circulation_load_once(demo):
    reviews.load()
    comments = Comment.objects.count()
    history = Comment.history.count()
    assert comments == 3
    assert Circulation.objects.filter(status="open").count() == 1
    first = Comment.objects.get(source__startswith="Helse Nord ønsker")
    assert first.organisation.name == "Helse Nord RHF"
    assert "<li>Faktaark om medisinsk utstyr</li>" in first.text

    reviews.load()
    assert Comment.objects.count() == comments
    assert Comment.history.count() == history
    assert Circulation.objects.count() == 1
