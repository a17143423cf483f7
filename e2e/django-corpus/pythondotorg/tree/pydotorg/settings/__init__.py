"""Settings package: base, local (development), cabotage (the production deployment)."""
