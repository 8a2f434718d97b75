"""The board's own signal: sent with `await notice_created.asend(sender=Notice, notice=notice)` each time
a notice is created (POST /api/notices/ and every new item of a feed refresh).

`asend` (Django 5.0+) awaits async receivers on the running event loop and runs sync ones in a thread.
"""

from django.dispatch import Signal

notice_created = Signal()
