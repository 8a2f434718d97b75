"""Named on/off switches kept in the database, such as "maintenance"."""
