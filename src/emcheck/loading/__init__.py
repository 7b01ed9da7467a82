"""Load: bytes → encoding → YAML → a Document that knows the line and column of every value.

``discovery`` turns the paths a user names into site files; ``reading`` reads bytes within
the input limits; ``encoding`` finds UTF-8, UTF-8 with BOM or GB18030; ``loader`` parses YAML
(no tags, no duplicate keys, no alias bombs) into a ``document.Document``; ``yaml_hints`` words
syntax errors for a clerk; ``ignore_comments`` finds ``# emcheck: ignore`` lines.
"""
