"""emcheck: audit grass-roots emergency-management pilot sites against the pilot standard."""

__version__ = "0.1.0"
