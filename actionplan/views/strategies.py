"""A strategy's public page: its period, focus areas and the plans that carry it out."""

from django.shortcuts import get_object_or_404, render

from actionplan import selectors
from actionplan.models import Strategy
from actionplan.views.common import index_crumb


def strategy_detail(request, pk):
    strategy = get_object_or_404(Strategy.objects.select_related("body"), pk=pk)
    plans = selectors.visible_plans(request.user).filter(strategy=strategy).order_by("year")
    return render(request, "actionplan/strategy_detail.html", {
        "strategy": strategy,
        "focus_areas": list(strategy.focus_areas.all()),
        "plans": list(plans),
        "crumbs": [index_crumb(), (strategy.get_absolute_url(), strategy.title)],
    })
