from .views import agenda, attendance, circulation, comments, minutes, public

app_name = "meetings"

urlpatterns = [
    *agenda.urlpatterns,
    *attendance.urlpatterns,
    *minutes.urlpatterns,
    *public.urlpatterns,
    *comments.urlpatterns,
    *circulation.urlpatterns,
]
