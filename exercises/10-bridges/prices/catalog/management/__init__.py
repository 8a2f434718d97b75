"""Management commands live in management/commands/ of an installed app."""
