"""The concerns and learning-review routes, under /concerns/."""

from django.urls import path

from inspectorate.concerns import review_views, views

urlpatterns = [
    path("", views.concern_list, name="concern-list"),
    path("raise/<int:inspection_id>/", views.concern_raise, name="concern-raise"),
    path("<int:concern_id>/", views.concern_detail, name="concern-detail"),
    path("<int:concern_id>/acknowledge/", views.concern_acknowledge, name="concern-acknowledge"),
    path("<int:concern_id>/respond/", views.concern_respond, name="concern-respond"),
    path("<int:concern_id>/route/", views.concern_route, name="concern-route"),
    path("learning-reviews/", review_views.review_list, name="learning-review-list"),
    path("learning-reviews/open/", review_views.review_open, name="learning-review-open"),
    path("learning-reviews/<int:review_id>/", review_views.review_detail, name="learning-review-detail"),
    path("learning-reviews/<int:review_id>/terms/", review_views.review_terms, name="learning-review-terms"),
    path("learning-reviews/<int:review_id>/report/", review_views.review_report, name="learning-review-report"),
    path("learning-reviews/<int:review_id>/publish/", review_views.review_publish, name="learning-review-publish"),
    path("learning-reviews/<int:review_id>/findings/", review_views.review_public, name="learning-review-public"),
]
