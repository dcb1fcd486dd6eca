from allauth.account import views as account_views
from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from normen_portal import health, views

# The admin has no login form of its own: it sends people to the portal's login, which asks
# for the second factor too.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", views.front, name="front"),
    path("start/", views.start, name="start"),
    # Logging in is django-allauth's (with two-factor authentication and single sign-on); these
    # aliases keep the short names the templates use, on allauth's own views and paths.
    path("konto/login/", account_views.login, name="login"),
    path("konto/logout/", account_views.logout, name="logout"),
    path("konto/password/reset/", account_views.password_reset, name="password_reset"),
    path("konto/", views.account_overview, name="account_overview"),
    path("konto/aktiv/", views.keep_alive, name="session_keepalive"),
    path("konto/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("helse/", health.health, name="health"),
    path("", include("meetings.urls")),
    path("", include("reviews.urls")),
    path("", include("documents.urls")),
    path("", include("actionplan.urls")),
    path("", include("governance.urls")),
    path("", include("rendering.urls")),
]
