"""PayPal (USD): Orders v2 with the payer-action link, capture, refunds, webhook verification."""
