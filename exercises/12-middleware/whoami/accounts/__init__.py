"""No models: this app only holds the migration that creates the demo user."""
