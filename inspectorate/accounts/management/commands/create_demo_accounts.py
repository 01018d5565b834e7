from typing import Any

from django.core.management.base import BaseCommand

from inspectorate.accounts.services import DEMO_PASSWORD, demo_accounts_create


class Command(BaseCommand):
    help = "Create or reset one demo account for every role (demo databases only)."

    def handle(self, *args: Any, **options: Any) -> None:
        accounts = demo_accounts_create()
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for account in accounts:
            self.stdout.write(f"  {account.username:<13} {account.role.value}")
