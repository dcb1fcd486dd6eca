"""Views: ``public`` (the library anyone reads), ``workspace`` (the secretariat's and the
steering group's pages for drafts, approval and publishing) and ``consultations``."""
