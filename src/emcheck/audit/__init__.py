"""Evaluate: every applicable rule on every unit of a site file, one outcome each.

``engine`` runs the rules; ``outcomes`` holds the frozen results; ``policy`` applies
``waivers``, ``inline_ignores`` and the ``baseline``; ``batch`` audits many files in parallel;
``rule_cases`` runs the pass/fail cases of the rules; ``vocabulary`` names outcomes for people.
"""
