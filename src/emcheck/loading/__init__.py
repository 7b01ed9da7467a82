"""Load: bytes → encoding → YAML → a Document that knows the line and column of every value.

``discovery`` turns the paths a user names into site files; ``reading`` reads bytes within
the input limits; ``encoding`` finds UTF-8, UTF-8 with BOM or GB18030; ``loader`` is the door
(``load_file``, ``load_bytes``) and words YAML syntax errors; ``document_builder`` turns the
parser's events into a ``document.Document`` (no tags, no duplicate keys, no alias bombs);
``scalars`` says what each plain value reads as; ``yaml_hints`` words mistakes for a clerk;
``ignore_comments`` finds ``# emcheck: ignore`` lines.
"""
