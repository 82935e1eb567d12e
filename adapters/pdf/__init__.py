"""PDF pipeline: print-ready interior, cover spread and watermarked preview of a picture book."""

from adapters.pdf.geometry import spine_width_in, spine_width_pt
from adapters.pdf.renderer import ReportLabBookRenderer

__all__ = ["ReportLabBookRenderer", "spine_width_in", "spine_width_pt"]
