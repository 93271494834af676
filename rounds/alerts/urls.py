from django.urls import path

from . import views

app_name = "alerts"

urlpatterns = [
    path("new/", views.SubscribeView.as_view(), name="new"),
    path("confirm/<str:token>/", views.ConfirmView.as_view(), name="confirm"),
    path("unsubscribe/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
]
