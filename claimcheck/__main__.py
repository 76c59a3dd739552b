"""Entry point for ``python -m claimcheck``."""

from claimcheck.analysis.cli import main

raise SystemExit(main())
