"""The `inspectorate` command: Django's manage.py under the product's own name.

`inspectorate import-register FILE` and `inspectorate import_register FILE` both work: people type dashes,
Django names commands with underscores.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inspectorate.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    args[0] = "inspectorate"
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
