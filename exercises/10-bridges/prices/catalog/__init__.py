"""The catalog app: products (models.py) and the `refresh_prices` management command."""
