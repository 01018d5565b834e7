from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """Inspectorate's own user model from the start, so that later fields (a school, a home base for an
    inspector) never need a painful swap."""

    class Meta:
        ordering = ["username"]
