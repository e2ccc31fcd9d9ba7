from django.urls import path
from rest_framework.routers import SimpleRouter

from api import views

router = SimpleRouter(trailing_slash=False)
router.register("users", views.UserViewSet, basename="user")

urlpatterns = [
    path("health", views.HealthView.as_view()),
    path("echo", views.EchoView.as_view()),
    path("external", views.ExternalView.as_view()),
    path("protected", views.ProtectedView.as_view()),
    path("upload", views.UploadView.as_view()),
    *router.urls,
]

handler404 = "api.errors.not_found"
handler500 = "api.errors.server_error"
