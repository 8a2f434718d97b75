"""Приложение catalog: товары (models.py) и команда управления `refresh_prices`."""
