"""Placeholder: this family's checks are being written."""
