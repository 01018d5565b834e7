"""The school's portal, under /portal/."""

from django.urls import path

from inspectorate.portal import circle_views, views

urlpatterns = [
    path("", views.home, name="portal"),
    path("inspections/<int:inspection_id>/", views.inspection_page, name="portal-inspection"),
    path("inspections/<int:inspection_id>/comment/", views.comment, name="portal-comment"),
    path("inspections/<int:inspection_id>/circle/", circle_views.circle, name="circle"),
    path(
        "inspections/<int:inspection_id>/circle/<int:member_id>/withdraw/",
        circle_views.withdraw,
        name="circle-withdraw",
    ),
    path("welcome/<str:uid>/<str:token>/", circle_views.welcome, name="circle-welcome"),
]
