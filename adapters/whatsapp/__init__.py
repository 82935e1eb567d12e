"""WhatsApp Cloud API: webhook payload parsing and the Graph API client (pywa)."""
