"""The search page: claims, articles, sources and evidence in one box."""
