"""The exit-code contract (README "Exit codes"): the same for every output format."""

OK = 0
"""Every applicable rule passes (warnings allowed unless --fail-level warning)."""
FINDINGS = 1
"""At least one finding at or above the fail level, or a check that could not run."""
INPUT_ERROR = 2
"""Usage error or unusable input: missing file, bad YAML, a site file that fails the schema."""
PACK_ERROR = 3
"""The rule pack (or profile, waiver file) is broken."""
