"""Views by concern; each module declares its own ``urlpatterns``."""
