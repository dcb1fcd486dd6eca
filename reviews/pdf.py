"""The secretariat's overview of a meeting's comments as PDF, through the rendering app.

The kind is registered when the reviews app is ready (reviews/apps.py), so
the web processes and the Celery workers that render it both know it. A PDF is made when the
secretariat orders it from the overview page ({% pdf_status meeting "meeting_comments" %});
comments are not watched, so a busy day of commenting does not queue a render per comment.
"""

from django.utils import formats, timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

KIND = "meeting_comments"


def overview_context(meeting):
    """Plain values only: the PDF's revision is a hash of this."""
    from meetings.models import Meeting
    from reviews.selectors import meeting_overview

    meeting = Meeting.objects.select_related("body").get(pk=meeting.pk)
    groups = []
    for by in ("case", "organisation"):
        overview = meeting_overview(meeting, group_by=by)
        groups.append({"by": by, "groups": [{
            "label": str(group.label),
            "comments": [{
                "author": c.author.name,
                "speaks_for": str(c.speaks_for),
                "case": str(c.item) if c.item_id else "",
                "where": str(c.where),
                # Read in Norway: the local time, as the web page shows it.
                "created_at": formats.date_format(timezone.localtime(c.created_at),
                                                  "SHORT_DATETIME_FORMAT"),
                "reply_to": c.parent.author.name if c.parent_id else "",
                "secretariat_only": c.visibility == c.Visibility.SECRETARIAT_ONLY,
                "quote": c.quote,
                "text": c.text,
                "status": str(c.get_status_display()),
                "reply": c.reply,
                # The reply answers an earlier text: the overview says so, and so does this.
                "changed_since_triage": c.changed_since_triage,
            } for c in group.comments],
        } for group in overview["groups"]]})
    return {
        "meeting": {
            "pk": meeting.pk, "title": str(meeting.title), "date": meeting.date.isoformat(),
            "body": meeting.body.name,
        },
        "by_case": groups[0]["groups"],
        "by_organisation": groups[1]["groups"],
        "total": sum(len(g["comments"]) for g in groups[0]["groups"]),
        "changed_since_triage": sum(c["changed_since_triage"] for g in groups[0]["groups"]
                                    for c in g["comments"]),
    }


def _filename(meeting, row):
    return f"{_('Innspill')} {meeting.body.name} {meeting.date.isoformat()}.pdf"


def _metadata(meeting):
    from rendering import registry

    date = formats.date_format(meeting.date, "d.m.Y")
    return registry.PdfMetadata(
        title=f"{_('Innspill før møtet')} – {meeting.body.name} – {date}",
        author=meeting.body.name, subject=strip_tags(str(meeting.title)),
        keywords=(meeting.body.short_name, _("innspill"), date),
    )


def _is_secretariat(user, meeting):
    from governance.permissions.reviews import can_answer_comments

    return can_answer_comments(user, meeting.body_id)


def register():
    from meetings.models.meeting import Meeting
    from rendering import registry

    try:
        registry.get(KIND)
    except registry.UnknownKind:
        registry.register(registry.PdfKind(
            name=KIND,
            model=Meeting,
            label=gettext_lazy("Innspill før møtet"),
            template="reviews/comments/pdf_overview.html",
            context=overview_context,
            filename=_filename,
            metadata=_metadata,
            can_download=_is_secretariat,
            can_manage=_is_secretariat,
        ))
