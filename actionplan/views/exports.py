"""Downloads of a plan: CSV and XLSX of the table as filtered on the page."""

from django.http import HttpResponse

from actionplan import exports, selectors
from actionplan.forms import PlanFilterForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _table(request, body_slug, year):
    plan = selectors.plan_for(request.user, body_slug, year)
    form = PlanFilterForm(request.GET or None,
                          organisations=selectors.responsible_organisations(plan))
    return plan, selectors.plan_table(plan, **form.filters())


def _download(content, content_type, name):
    return HttpResponse(content, content_type=content_type,
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})


def plan_csv(request, body_slug, year):
    plan, table = _table(request, body_slug, year)
    return _download(exports.to_csv(table), "text/csv; charset=utf-8",
                     exports.filename(plan, "csv"))


def plan_xlsx(request, body_slug, year):
    plan, table = _table(request, body_slug, year)
    return _download(exports.to_xlsx(plan, table), XLSX, exports.filename(plan, "xlsx"))
