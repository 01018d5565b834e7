from django.contrib.auth import views as auth_views
from django.urls import include, path

from inspectorate.register import views as register_views
from inspectorate.statistics import views as statistics_views
from inspectorate.web import views as web_views

urlpatterns = [
    path("", web_views.home, name="home"),
    path("healthz", web_views.healthz, name="healthz"),
    path("accounts/login/", auth_views.LoginView.as_view(template_name="accounts/login.html"), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("schools/", register_views.school_search, name="school-search"),
    path("schools/<int:urn>/", register_views.school_detail, name="school-detail"),
    path("statistics/", statistics_views.headline_statistics, name="statistics"),
    path("reports/", include("inspectorate.inspections.reports.urls")),
    path("workspace/", include("inspectorate.inspections.urls")),
    path("api/", include("inspectorate.api.urls")),
    path("portal/", include("inspectorate.portal.urls")),
    path("duty-desk/", include("inspectorate.dutydesk.urls")),
    path("workforce/", include("inspectorate.workforce.urls")),
    path("welfare/", include("inspectorate.welfare.urls")),
    path("deferrals/", include("inspectorate.deferrals.urls")),
    path("concerns/", include("inspectorate.concerns.urls")),
    path("notifications/", include("inspectorate.notifications.urls")),
    path("planning/", include("inspectorate.planning.urls")),
]
