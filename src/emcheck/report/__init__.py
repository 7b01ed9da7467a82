"""Documents for people: the Word gap report and rectification notice, and their Markdown twin.

``content`` builds a format-neutral list of ``blocks`` from an audit (one builder method per
section, wording from ``wording``'s templates in ``templates/report/``); ``document`` renders the
blocks as Word (``docx_report``, ``docx_format``, ``docx_table``) or ``markdown``. To add a report
section: a template entry in ``templates/report/{zh,en}.yaml`` and a builder method in ``content``.
"""
