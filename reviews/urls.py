from reviews.views import circulation, comments

app_name = "reviews"

urlpatterns = [
    *comments.urlpatterns,
    *circulation.urlpatterns,
]
