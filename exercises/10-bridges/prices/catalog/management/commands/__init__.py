"""Each module here is a command: `python manage.py <module name>`."""
