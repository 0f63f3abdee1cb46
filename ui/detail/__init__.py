"""The case detail view: every field (masked), timeline, deadline panel and the allowed actions."""
