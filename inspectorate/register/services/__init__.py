"""Writes to the national register: one service per use case, each one transaction."""

from inspectorate.register.services.links_imports import LinksImportSummary, links_import
from inspectorate.register.services.register_imports import RegisterImportSummary, register_import

__all__ = ["LinksImportSummary", "RegisterImportSummary", "links_import", "register_import"]
