"""Settings for the portal processes the reliability tests start (gunicorn, a worker).

The test settings, with the uploaded files where the test says (``MEDIA_ROOT``): the backup
test restores files into a directory of its own.
"""

import os
from pathlib import Path

from normen_portal.settings_test import *  # noqa: F403

MEDIA_ROOT = Path(os.environ["MEDIA_ROOT"])
