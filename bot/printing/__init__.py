"""Printed books at runtime: the partner's webhook, the tracker that polls open jobs, and the
news each step brings to the parent's conversation."""
