"""The audit pages: the team's log, and the timelines of a claim and of a person."""
