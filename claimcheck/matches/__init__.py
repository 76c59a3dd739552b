"""Claims checked before: confirming, dismissing and reusing likely matches."""
