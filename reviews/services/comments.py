"""Comments (innspill) and conflicts of interest: every change is one atomic, permission-checked
function. E-mail goes out through ``services.notifications`` after the transaction commits."""

import html
import re
from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import BooleanField, ExpressionWrapper, F, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from governance.models import Representation
from governance.permissions import person_for
from governance.permissions.reviews import (
    can_answer_comments,
    can_comment_after_deadline,
    can_declare_conflict,
    can_manage_commenting,
    can_read_target,
    can_see_comment,
    can_write_comments,
    is_comment_author,
)
from meetings.models import AgendaItem, Meeting
from normen_portal.access import require
from normen_portal.concurrency import check_unchanged
from normen_portal.richtext import sanitize
from reviews import comment_targets
from reviews.models import Comment, CommentingPeriod, ConflictOfInterest
from reviews.models.comments import COMMENT_MAX_LENGTH, QUOTE_MAX_LENGTH, REPLY_MAX_LENGTH
from reviews.services import notifications


class ReviewError(Exception):
    """A rule stopped the change; the message is for the person who tried."""


class CommentingClosed(ReviewError):
    pass


def format_when(value):
    """«03.06.2024 kl. 12.00», as the seeds write it."""
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


# -- text -----------------------------------------------------------------------------------

# A tag name right after «<», so that «a < b og c > d» stays text.
_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_BULLET = re.compile(r"^\s*[-*•]\s+")
_NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+")
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_URL = re.compile(r"\bhttps?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]")


def _inline(line):
    escaped = html.escape(line, quote=True)
    # Links first, so that asterisks inside an address are not read as emphasis.
    parts = []
    last = 0
    for match in _URL.finditer(escaped):
        parts.append(_emphasis(escaped[last:match.start()]))
        parts.append(f'<a href="{match.group(0)}">{match.group(0)}</a>')
        last = match.end()
    parts.append(_emphasis(escaped[last:]))
    return "".join(parts)


def _emphasis(text):
    text = _STRONG.sub(r"<strong>\1</strong>", text)
    return _EMPHASIS.sub(r"<em>\1</em>", text)


def _plain_to_html(source):
    blocks = []
    for block in re.split(r"\n\s*\n", source.replace("\r\n", "\n").strip()):
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if all(_BULLET.match(line) for line in lines):
            items = "".join(f"<li>{_inline(_BULLET.sub('', line))}</li>" for line in lines)
            blocks.append(f"<ul>{items}</ul>")
        elif all(_NUMBERED.match(line) for line in lines):
            items = "".join(f"<li>{_inline(_NUMBERED.sub('', line))}</li>" for line in lines)
            blocks.append(f"<ol>{items}</ol>")
        else:
            blocks.append("<p>" + "<br>".join(_inline(line.strip()) for line in lines) + "</p>")
    return "".join(blocks)


def comment_html(source):
    """The HTML everyone reads for what a person typed.

    People write plain text: a blank line starts a paragraph, lines starting with «- » make a
    list, «1. » a numbered list, *stars* emphasis and web addresses links. Text pasted as HTML
    is taken as HTML. Either way the result goes through the portal's sanitizer (the «basic»
    profile), so scripts, event handlers and ``javascript:`` links never survive."""
    source = source or ""
    raw = source if _HTML_TAG.search(source) else _plain_to_html(source)
    return sanitize(raw, "basic").strip()


def _check_text(source, field="source"):
    if len(source) > COMMENT_MAX_LENGTH:
        raise ValidationError({field: _(
            "Kommentaren er for lang: %(length)s tegn. Den kan være på høyst %(max)s tegn. "
            "Teksten din er beholdt, så du kan korte den ned og sende på nytt."
        ) % {"length": len(source), "max": COMMENT_MAX_LENGTH}})
    text = comment_html(source)
    if not re.sub(r"<[^>]+>|&nbsp;|\s", "", text):
        raise ValidationError({field: _(
            "Kommentaren er tom. Skriv en kommentar (tekst som ikke er tillatt, for eksempel "
            "skript, blir fjernet)."
        )})
    return text


def _check_quote(quote):
    quote = (quote or "").strip()
    if len(quote) > QUOTE_MAX_LENGTH:
        raise ValidationError({"quote": _(
            "Sitatet er for langt: %(length)s tegn. Det kan være på høyst %(max)s tegn."
        ) % {"length": len(quote), "max": QUOTE_MAX_LENGTH}})
    return quote


# -- when commenting is open ----------------------------------------------------------------

PAPER_CONTEXTS = {Comment.Context.CASE, Comment.Context.COVER_NOTE, Comment.Context.ATTACHMENT}


@dataclass(frozen=True)
class CommentingState:
    is_open: bool
    closes_at: datetime | None
    message: str
    reopened: bool = False


def phase_for(context):
    if context == Comment.Context.MINUTES:
        return CommentingPeriod.Phase.MINUTES
    return CommentingPeriod.Phase.PAPERS


def meeting_starts_at(meeting):
    return timezone.make_aware(datetime.combine(meeting.date, meeting.start_time))


def _period(meeting, phase, periods=None):
    if periods is not None:
        return periods.get((meeting.pk, phase))
    return CommentingPeriod.objects.filter(meeting=meeting, phase=phase).first()


def commenting_state(target, context, *, now=None, periods=None):
    """Whether members may comment on ``target`` in ``context`` now, and a sentence saying so.

    Papers (case, cover note, attachment) are open until the meeting's comment deadline, or
    until the meeting starts when it has none; draft minutes while they are out for review.
    A period set by the secretariat overrides both, which is how commenting is reopened.
    ``periods`` ({(meeting_id, phase): CommentingPeriod}) saves a query per target on lists."""
    now = now or timezone.now()
    kind = comment_targets.kind_for(target)
    meeting = kind.meeting(target)
    if context == Comment.Context.DOCUMENT_VERSION:
        return _document_state(target, kind, now)
    phase = phase_for(context)
    period = _period(meeting, phase, periods)
    if period is not None:
        closes_at = period.closes_at
        reopened = True
    elif phase == CommentingPeriod.Phase.MINUTES:
        if meeting.status != Meeting.Status.MINUTES_REVIEW:
            return CommentingState(False, None, _(
                "Utkastet til referat er ikke sendt på høring, så det kan ikke kommenteres nå."
            ))
        return CommentingState(True, None, _(
            "Utkastet til referat er på høring. Du kan kommentere til sekretariatet sender "
            "referatet til godkjenning."
        ))
    else:
        if meeting.status not in (Meeting.Status.PLANNED, Meeting.Status.NOTICE_SENT):
            return CommentingState(False, None, _(
                "Møtet er avholdt, og det er ikke lenger mulig å gi innspill til sakspapirene."
            ))
        closes_at = meeting.comment_deadline or meeting_starts_at(meeting)
        reopened = False
    if now < closes_at:
        message = _("Frist for innspill: %(when)s.") % {"when": format_when(closes_at)}
        if reopened:
            message = _("Sekretariatet har åpnet for innspill til %(when)s.") % {
                "when": format_when(closes_at)}
        return CommentingState(True, closes_at, message, reopened)
    return CommentingState(False, closes_at, _(
        "Fristen for innspill gikk ut %(when)s. Det er ikke lenger mulig å kommentere. "
        "Ta kontakt med sekretariatet hvis du har innspill som ikke kan vente til møtet."
    ) % {"when": format_when(closes_at)}, reopened)


def _document_state(target, kind, now):
    if kind.open_for_comments is not None and not kind.open_for_comments(target):
        return CommentingState(False, None, _("Denne versjonen kan ikke lenger kommenteres."))
    deadline = kind.deadline(target) if kind.deadline else None
    if deadline is None:
        return CommentingState(True, None, _("Versjonen er åpen for kommentarer."))
    if now < deadline:
        return CommentingState(True, deadline, _("Frist for innspill: %(when)s.") % {
            "when": format_when(deadline)})
    return CommentingState(False, deadline, _(
        "Fristen for innspill gikk ut %(when)s. Det er ikke lenger mulig å kommentere."
    ) % {"when": format_when(deadline)})


def _require_open(actor, target, context, body_id):
    state = commenting_state(target, context)
    if not state.is_open and not can_comment_after_deadline(actor, body_id):
        raise CommentingClosed(state.message)
    return state


# -- who speaks for whom --------------------------------------------------------------------

_ROLE_ORDER = {role: rank for rank, role in enumerate(Representation.SEAT_ROLES)}


def organisation_for(person, body_id, on=None):
    """The organisation a person speaks for in a body today: their member or chair seat
    before a deputy seat; None for the secretariat."""
    reps = [
        r for r in Representation.objects.seated(on).filter(
            person=person, body_id=body_id, organisation__isnull=False,
        ).select_related("organisation")
        if r.role in _ROLE_ORDER
    ]
    if not reps:
        return None
    return min(reps, key=lambda r: (_ROLE_ORDER[r.role], r.organisation.name)).organisation


# -- comments -------------------------------------------------------------------------------

def _content_type_id(target):
    return ContentType.objects.get_for_model(target).pk


@transaction.atomic
def comment_create(*, actor, target, context, source, quote="",
                   visibility=Comment.Visibility.ALL_MEMBERS, parent=None):
    kind = comment_targets.kind_for(target)
    if context not in kind.contexts:
        raise ValidationError(_("Denne typen innspill passer ikke her."))
    body_id = kind.body_id(target)
    meeting = kind.meeting(target)
    require(can_read_target(actor, body_id, meeting, context)
            and can_write_comments(actor, body_id))
    if parent is not None:
        if (parent.content_type_id, parent.object_id, parent.context) != (
            _content_type_id(target), target.pk, context
        ) or not can_see_comment(actor, parent):
            require(False)
        if parent.withdrawn:
            raise ReviewError(_("Du kan ikke svare på en kommentar som er trukket tilbake."))
        # One level of threads: a reply to a reply joins the first comment's thread.
        parent = parent.parent or parent
        if parent.visibility == Comment.Visibility.SECRETARIAT_ONLY:
            visibility = Comment.Visibility.SECRETARIAT_ONLY
    _require_open(actor, target, context, body_id)
    text = _check_text(source)
    person = person_for(actor)
    comment = Comment(
        body_id=body_id, meeting=meeting, item=kind.item(target),
        content_type_id=_content_type_id(target), object_id=target.pk,
        context=context, quote=_check_quote(quote), parent=parent, author=person,
        organisation=organisation_for(person, body_id), visibility=visibility,
        source=source, text=text,
    )
    comment.full_clean()
    comment._change_reason = _("Skrevet")
    comment.save()
    notifications.comment_created(comment)
    return comment


def _locked(comment):
    """The comment as the database has it now, locked for the rest of the transaction."""
    return Comment.objects.select_for_update(of=("self",)).select_related("parent").get(
        pk=comment.pk)


# -- changed since the secretariat triaged it -----------------------------------------------
#
# The secretariat's handling (status and reply) answers the text it read. When the author
# changes the text after that, the handling no longer answers what the comment says: the
# comment goes back to «Ikke behandlet», the earlier reply stays visible as an answer to an
# earlier version, and the secretariat is told. The rule is this one predicate and its
# queryset twin, used by the thread, the overview and the export alike.

def changed_since_triage(comment):
    """Has the author changed the text since the secretariat last handled the comment?

    ``answered_at`` is when the secretariat last handled it and ``edited_at`` when the text
    last changed, so handling it again clears the mark."""
    return (comment.answered_at is not None and comment.edited_at is not None
            and comment.edited_at > comment.answered_at)


def changed_since_triage_condition():
    """``changed_since_triage`` as a database condition, for lists of comments."""
    return Q(answered_at__isnull=False, edited_at__isnull=False, edited_at__gt=F("answered_at"))


def with_changed_since_triage(queryset):
    """Annotate each comment with ``changed_since_triage`` (the predicate, computed by the
    database), so an overview needs no query or Python pass of its own for the mark."""
    return queryset.annotate(changed_since_triage=ExpressionWrapper(
        changed_since_triage_condition(), output_field=BooleanField()))


def _is_triaged(comment):
    """The secretariat's handling is in force: it handled the comment and did not leave it
    untriaged."""
    return comment.answered_at is not None and comment.status != Comment.Status.OPEN


@transaction.atomic
def comment_edit(*, actor, comment, source, quote="", visibility=None, expected_version=None):
    comment = _locked(comment)
    require(is_comment_author(actor, comment))
    if comment.withdrawn:
        raise ReviewError(_("Kommentaren er trukket tilbake og kan ikke endres."))
    _require_open(actor, comment.target, comment.context, comment.body_id)
    check_unchanged(comment, expected_version)
    text, quote = _check_text(source), _check_quote(quote)
    # What everyone reads (the HTML and the quote), not the keystrokes behind it.
    text_changed = (text, quote) != (comment.text, comment.quote)
    visibility_changed = bool(visibility and comment.parent_id is None
                              and visibility != comment.visibility)
    if not (text_changed or visibility_changed or source != comment.source):
        # Saved unchanged: not an edit, so neither «endret» nor a lost triage.
        return comment
    reopened = text_changed and _is_triaged(comment)
    comment.text, comment.source, comment.quote = text, source, quote
    if visibility_changed:
        comment.visibility = visibility
    if text_changed:
        # Only a change of what the comment says counts as an edit: the mark «changed since
        # triage» compares this with answered_at.
        comment.edited_at = timezone.now()
    if reopened:
        # The reply and answered_at stay: the reply is shown as an answer to an earlier
        # version, and the history keeps the status it had.
        comment.status = Comment.Status.OPEN
    comment.version += 1
    comment.full_clean()
    comment._change_reason = (_("Endret av forfatteren etter behandling") if reopened
                              else _("Endret av forfatteren"))
    comment.save()
    if reopened:
        _tell_secretariat_changed(comment)
    return comment


def _tell_secretariat_changed(comment):
    """The secretariat hears that a comment it handled now says something else (by each
    person's own choice of e-mail, as for new comments)."""
    target = comment.target
    where = comment_targets.kind_for(target).title(target) if target is not None else ""
    who = f"{comment.author.name} ({comment.speaks_for})"
    notifications.notify(
        notifications.secretariat(comment.body_id), exclude=comment.author,
        subject=_("Innspill endret etter behandling: %(where)s") % {"where": where},
        text=_("%(who)s har endret innspillet til %(where)s etter at sekretariatet behandlet "
               "det. Innspillet er satt tilbake til «%(status)s»; svaret gjelder en tidligere "
               "versjon.") % {"who": who, "where": where,
                              "status": Comment.Status.OPEN.label},
        url=comment_targets.comment_url(comment))


@transaction.atomic
def comment_withdraw(*, actor, comment, expected_version=None):
    comment = _locked(comment)
    require(is_comment_author(actor, comment))
    if comment.withdrawn:
        return comment
    _require_open(actor, comment.target, comment.context, comment.body_id)
    # Nothing typed to keep here, so the words of this flow rather than the default.
    check_unchanged(comment, expected_version, message=_(
        "Kommentaren er endret et annet sted etter at du åpnet den. Se over den og prøv igjen."
    ))
    comment.withdrawn = True
    comment.withdrawn_at = timezone.now()
    comment.version += 1
    comment._change_reason = _("Trukket tilbake av forfatteren")
    comment.save()
    return comment


@transaction.atomic
def comment_answer(*, actor, comment, status, reply="", expected_version=None):
    """The secretariat's handling of a comment: answered, taken into the minutes or not
    followed, with a short reply the author and the body read."""
    comment = _locked(comment)
    require(can_answer_comments(actor, comment.body_id))
    if status not in Comment.Status.values:
        raise ValidationError({"status": _("Velg hvordan kommentaren er behandlet.")})
    reply = (reply or "").strip()
    if len(reply) > REPLY_MAX_LENGTH:
        raise ValidationError({"reply": _(
            "Svaret er for langt: %(length)s tegn. Det kan være på høyst %(max)s tegn."
        ) % {"length": len(reply), "max": REPLY_MAX_LENGTH}})
    check_unchanged(comment, expected_version)
    comment.status = status
    comment.reply = reply
    comment.answered_by = actor
    comment.answered_at = timezone.now()
    comment.version += 1
    comment.full_clean()
    comment._change_reason = _("Behandlet av sekretariatet")
    comment.save()
    notifications.comment_answered(comment)
    return comment


@transaction.atomic
def commenting_reopen(*, actor, meeting, phase, closes_at):
    """Set when commenting on a meeting's papers or draft minutes closes; setting a time in
    the future after the deadline has passed reopens commenting."""
    require(can_manage_commenting(actor, meeting.body_id))
    if phase not in CommentingPeriod.Phase.values:
        raise ValidationError({"phase": _("Velg hva fristen gjelder.")})
    if closes_at is None or closes_at <= timezone.now():
        raise ValidationError({"closes_at": _("Velg et tidspunkt fram i tid.")})
    period = CommentingPeriod.objects.select_for_update().filter(
        meeting=meeting, phase=phase).first() or CommentingPeriod(meeting=meeting, phase=phase)
    period.closes_at = closes_at
    period.set_by = actor
    period.full_clean()
    period._change_reason = _("Åpnet for innspill")
    period.save()
    return period


# -- conflicts of interest ------------------------------------------------------------------

@transaction.atomic
def conflict_declare(*, actor, item: AgendaItem, reason):
    require(can_declare_conflict(actor, item.body_id))
    if item.kind != AgendaItem.Kind.CASE:
        raise ValidationError({"item": _("Velg en sak.")})
    if item.meeting.status not in (Meeting.Status.PLANNED, Meeting.Status.NOTICE_SENT):
        raise ReviewError(_(
            "Møtet er avholdt. Ta kontakt med sekretariatet hvis habilitet skal føres i "
            "referatet."
        ))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Skriv kort hvorfor du er inhabil i saken.")})
    if len(reason) > 1000:
        raise ValidationError({"reason": _(
            "Begrunnelsen er for lang: %(length)s tegn. Den kan være på høyst 1000 tegn."
        ) % {"length": len(reason)}})
    person = person_for(actor)
    conflict = ConflictOfInterest(person=person, item=item, reason=reason, declared_by=actor,
                                  organisation=organisation_for(person, item.body_id))
    if ConflictOfInterest.objects.filter(person=person, item=item).exists():
        raise ReviewError(_("Du har allerede erklært deg inhabil i denne saken."))
    conflict.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            conflict.save()
    except IntegrityError as exc:
        raise ReviewError(_("Du har allerede erklært deg inhabil i denne saken.")) from exc
    return conflict


@transaction.atomic
def conflict_withdraw(*, actor, conflict: ConflictOfInterest):
    person = person_for(actor)
    require(person is not None and conflict.person_id == person.pk)
    if conflict.item.meeting.status not in (Meeting.Status.PLANNED,
                                            Meeting.Status.NOTICE_SENT):
        raise ReviewError(_("Møtet er avholdt, og erklæringen kan ikke trekkes."))
    conflict._change_reason = _("Trukket av den som erklærte")
    conflict.delete()
