import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """Inspectorate's own user model from the start, so that later fields (a school, a home base for an
    inspector) never need a painful swap."""

    class Meta:
        ordering = ["username"]

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class SchoolMembership(models.Model):
    """A school user's tie to a school: its headteacher, or someone of its responsible body (governors, trust).

    A school user sees only the inspections of schools they are a member of (inspections.selectors)."""

    class Capacity(models.TextChoices):
        HEADTEACHER = "headteacher", "Headteacher"
        RESPONSIBLE_BODY = "responsible_body", "Responsible body"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="school_memberships")
    establishment = models.ForeignKey("register.Establishment", on_delete=models.CASCADE, related_name="members")
    capacity = models.CharField(max_length=20, choices=Capacity.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "establishment"], name="one_membership_per_school")]

    def __str__(self) -> str:
        return f"{self.user} at {self.establishment_id} ({self.capacity})"


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the HTTP API. Only its SHA-256 digest is stored; the token is shown once, at creation."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"

    @staticmethod
    def new_token() -> str:
        return "insp_" + secrets.token_urlsafe(32)
