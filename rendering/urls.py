from django.urls import path

from rendering import views

app_name = "rendering"

urlpatterns = [
    path("pdf/<int:pk>/last-ned/", views.pdf_download, name="download"),
    path("pdf/<str:kind>/<int:object_id>/", views.pdf_latest, name="latest"),
    path("pdf/<str:kind>/<int:object_id>/status/", views.pdf_status, name="status"),
    path("pdf/<str:kind>/<int:object_id>/lag/", views.pdf_order, name="order"),
]
