"""Writes of the OOAPI consumer: the partners' endpoints (`sources`) and importing their
catalogues (`sync`)."""

from .sources import source_create, source_remove
from .sync import Report, catalogue_sync

__all__ = ["Report", "catalogue_sync", "source_create", "source_remove"]
