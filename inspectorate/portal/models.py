"""The sharing circle: the people a headteacher chooses to share the provisional outcome with before publication.

Each invitee gets an account of their own, used for nothing else, which reads that one inspection's provisional
outcome and nothing more (inspections.selectors). Invitations are never deleted: withdrawing one stamps
`withdrawn_at`, so the record of who could read the outcome, and when, stays whole (docs/adr/0018)."""

from django.conf import settings
from django.db import models


class CircleMember(models.Model):
    class Relationship(models.TextChoices):
        COLLEAGUE = "colleague", "Colleague"
        FAMILY = "family", "Family"
        MEDICAL_ADVISER = "medical_adviser", "Medical adviser"
        SUPPORT_NETWORK = "support_network", "Support network"
        OTHER = "other", "Other"

    inspection = models.ForeignKey("inspections.Inspection", on_delete=models.CASCADE, related_name="circle_members")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="circle_invited")
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="circle_membership")
    name = models.CharField(max_length=200)
    email = models.EmailField()
    relationship = models.CharField(max_length=20, choices=Relationship.choices)
    invited_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="circle_withdrawn"
    )

    class Meta:
        ordering = ["invited_at", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_relationship_display()}) on inspection {self.inspection_id}"

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None
