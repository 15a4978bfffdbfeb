"""Allow ``python -m trialint``."""

import sys

from trialint.cli import main

sys.exit(main())
