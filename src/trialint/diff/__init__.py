"""trialint diff: what changed between two versions of studies, by meaning, ranked by weight."""
