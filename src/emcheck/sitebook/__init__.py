"""Site workbooks: the site file as an Excel/WPS workbook a village clerk fills in.

``layout`` reads the site schema into sheets and columns (so the workbook never drifts from
the schema), ``writing`` makes a workbook (``emcheck init --format xlsx``, ``convert``),
``reading`` turns one back into the Document the YAML loader makes, every value placed at its
cell, and ``convert`` goes between the two forms.
"""
