from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "normen_portal"

    def ready(self):
        # Connect the receivers: the session limits start at login, a user's address is
        # recorded for allauth when the user is saved, security events are logged.
        from normen_portal import accounts, security_log, session_limits  # noqa: F401

        # Every committed write to a public table starts a new public generation.
        from normen_portal.public_cache import watch_public_writes

        watch_public_writes()
