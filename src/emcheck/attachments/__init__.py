"""Attachments (佐证材料): files a site file names as evidence, checked like any input.

``kinds`` tells a file's real type by content; ``inspect`` checks one file (inside the folder,
regular, not empty, size, type, SHA-256); ``collect`` finds and checks every ``attachments:``
list of a site file once, before the rules run.
"""
