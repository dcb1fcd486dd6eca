#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "normen_portal.settings")
    # The settings let one-off commands run without the production SECRET_KEY (see there).
    os.environ["NORMEN_MANAGE_COMMAND"] = sys.argv[1] if len(sys.argv) > 1 else ""
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
