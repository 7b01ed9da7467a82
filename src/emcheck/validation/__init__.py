"""Validate: the site, pack, rule, waiver and meta files against their JSON Schemas.

``validator`` answers valid / not valid fast (jsonschema-rs) and, for an invalid document,
explains the problems in words a clerk can act on (jsonschema); ``fieldnames`` names fields from the schema's Chinese
descriptions; ``config_files`` loads and validates the YAML files emcheck is configured with.
"""
