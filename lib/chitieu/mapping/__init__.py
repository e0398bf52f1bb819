"""Mapping: tables → tidy records. Each column gets an indicator and a role (``catalog``), units are
matched by name (``units``, the 2025 ``register``), and an officer's corrections (``overrides``) are kept
in ``profiles``."""
