"""The ``emcheck`` command line: options are parsed here and handed on as plain values to
``emcheck.commands``. Each ``*_commands`` module declares its commands on the one app."""

from emcheck.cli import (
    audit_commands,
    progress_commands,
    recheck_commands,
    rules_commands,
    site_commands,
)
from emcheck.cli.app import app, main
from emcheck.cli.options import Format

__all__ = [
    "Format",
    "app",
    "audit_commands",
    "main",
    "progress_commands",
    "recheck_commands",
    "rules_commands",
    "site_commands",
]
