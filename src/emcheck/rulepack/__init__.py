"""The rule pack: rules are data (``rules/*.yaml``), checked when the pack loads.

``pack`` holds the pack model and its loading; ``lint`` checks a rule's check against the site
schema, then ``checks`` holds it typed; ``choose`` picks the built-in or ``--rules`` pack and
``cache`` keeps it validated between runs. A check runs through ``operators`` (one registry),
which read a ``scope``, pick list elements with ``matchers``, judge substance with ``evidence``
and word values with ``values``.

To add a rule: one YAML file under ``rules/``. To add an operator: its spec (a frozen
dataclass) and function in ``operators/``, one registry line, its ``rule.schema.yaml`` entry
and its row in ``docs/rule-language.md`` (a test checks that the three agree).
"""
