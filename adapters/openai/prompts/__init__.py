"""Prompt templates (jinja2), versioned by file name; loaded by adapters.openai.prompting."""
