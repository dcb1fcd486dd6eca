from meetings.views import agenda, attendance, minutes, public

app_name = "meetings"

urlpatterns = [
    *agenda.urlpatterns,
    *attendance.urlpatterns,
    *minutes.urlpatterns,
    *public.urlpatterns,
]
