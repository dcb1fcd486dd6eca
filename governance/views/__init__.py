"""Pages about who governs: the secretariat's pages of a body (its settings, organisations
and people) and the public member list."""
