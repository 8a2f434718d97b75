"""`python manage.py maintenance on|off|status`: включает и выключает переключатель `"maintenance"`, пока работает сервер."""

from django.core.management.base import BaseCommand

from switches.models import Switch


class Command(BaseCommand):
    help = 'Turn maintenance mode on or off (the "maintenance" switch), or show it.'

    def add_arguments(self, parser):
        parser.add_argument("state", choices=["on", "off", "status"])

    def handle(self, *args, state, **options):
        if state != "status":
            Switch.objects.update_or_create(name="maintenance", defaults={"on": state == "on"})
        switch = Switch.objects.filter(name="maintenance").first()
        self.stdout.write(f"maintenance is {'on' if switch and switch.on else 'off'}")
