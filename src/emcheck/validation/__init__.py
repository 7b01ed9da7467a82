"""Validate: the site, pack, rule, waiver and meta files against their JSON Schemas.

``precheck`` is a compiled fast path that answers valid / not valid; ``validator`` explains the
problems in words a clerk can act on; ``fieldnames`` names fields from the schema's Chinese
descriptions; ``config_files`` loads and validates the YAML files emcheck is configured with.
"""
