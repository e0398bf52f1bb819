"""Citizen lists (one row per person, personal data): counted per unit and indicator, never copied."""
