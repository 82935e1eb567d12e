"""Lulu's Print API: token, cost calculation, print jobs and their signed webhooks."""
