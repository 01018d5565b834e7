from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from inspectorate.accounts.models import User
from inspectorate.api.services import api_token_create, api_token_revoke
from inspectorate.inspections.errors import InvalidInput


class Command(BaseCommand):
    help = (
        "Make an API token for USERNAME and print it (the only time it is shown: only its digest is kept), "
        "or revoke the user's token of a name with --revoke NAME."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="api", help="What the token is for, to revoke it by later (default: api)")
        parser.add_argument("--revoke", metavar="NAME", help="Revoke the user's live token(s) of this name instead")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"There is no user {options['username']!r}.")
        if options["revoke"] is not None:
            revoked = api_token_revoke(user, options["revoke"])
            if not revoked:
                raise CommandError(f"{user.username} has no live token called {options['revoke']!r}.")
            self.stdout.write(f"Revoked {user.username}'s token {options['revoke']!r}.")
            return
        if not user.is_active:
            raise CommandError(f"{user.username} is not an active user: a token for them would not work.")
        try:
            token = api_token_create(user, options["name"])
        except InvalidInput as err:
            raise CommandError(f"--name {err.message}") from err
        self.stderr.write(f"API token {options['name']!r} for {user.username} (shown once; keep it secret):")
        self.stdout.write(token)
