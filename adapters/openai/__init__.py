"""OpenAI adapters: story writer, illustrator, moderator, and the start-up models check.

Used when OPENAI_API_KEY is set; the offline writer and illustrator serve otherwise.
"""

from adapters.openai.client import OpenAIOptions, make_client
from adapters.openai.illustrator import OpenAIIllustrator
from adapters.openai.models_check import ModelsReport, check_models
from adapters.openai.moderator import OpenAIModerator
from adapters.openai.writer import OpenAIStoryWriter

__all__ = [
    "ModelsReport",
    "OpenAIIllustrator",
    "OpenAIModerator",
    "OpenAIOptions",
    "OpenAIStoryWriter",
    "check_models",
    "make_client",
]
