"""The embedded-default illustrator: friendly storybook scenes drawn with Pillow."""

from adapters.pillow_illustrator.illustrator import PillowIllustrator

__all__ = ["PillowIllustrator"]
