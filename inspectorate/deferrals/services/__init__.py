"""The deferral mechanism's use cases, one function each (inspectorate/deferrals/services/*)."""

from inspectorate.deferrals.services.alerts import deferral_alerts_raise
from inspectorate.deferrals.services.decisions import deferral_decide
from inspectorate.deferrals.services.refused_entry import refused_entry_record
from inspectorate.deferrals.services.requests import deferral_request
from inspectorate.deferrals.services.windows import blanket_window_declare

__all__ = [
    "blanket_window_declare",
    "deferral_alerts_raise",
    "deferral_decide",
    "deferral_request",
    "refused_entry_record",
]
