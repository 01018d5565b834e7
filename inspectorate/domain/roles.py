"""Who uses Inspectorate. Each role is a Django group of the same name; permissions attach to roles."""

from enum import StrEnum


class Role(StrEnum):
    SCHEDULER = "Scheduler"
    LEAD_INSPECTOR = "Lead inspector"
    TEAM_INSPECTOR = "Team inspector"
    QUALITY_ASSURANCE = "Quality-assurance reader"
    DUTY_DESK = "Duty desk"
    SENIOR_INSPECTOR = "Independent senior inspector"
    COMPLAINTS_OFFICER = "Complaints officer"
    STATISTICIAN = "Statistician"
    ADMINISTRATOR = "Administrator"
    HEADTEACHER = "Headteacher"
    RESPONSIBLE_BODY = "Responsible body"


STAFF_ROLES = frozenset(
    {
        Role.SCHEDULER,
        Role.LEAD_INSPECTOR,
        Role.TEAM_INSPECTOR,
        Role.QUALITY_ASSURANCE,
        Role.DUTY_DESK,
        Role.SENIOR_INSPECTOR,
        Role.COMPLAINTS_OFFICER,
        Role.STATISTICIAN,
        Role.ADMINISTRATOR,
    }
)
SCHOOL_ROLES = frozenset({Role.HEADTEACHER, Role.RESPONSIBLE_BODY})
