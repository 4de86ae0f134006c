"""The reference central service: vacancies and rates out, usage counts and heartbeats in, a fleet dashboard."""
