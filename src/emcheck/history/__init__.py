"""Earlier rounds: matching findings across audits, the push group's progress, rechecks."""
