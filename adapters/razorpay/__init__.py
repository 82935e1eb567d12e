"""Razorpay (INR): payment links, their callback and webhook signatures, refunds."""
