"""factcheck: cross-source fact-consistency checking for Chinese and English text."""

__version__ = "0.1.0"
