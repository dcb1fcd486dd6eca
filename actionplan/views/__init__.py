"""Views by concern: plans, measures, proposals, exports, strategies. Thin: they check
permission, hand the input to a service and render the answer."""
