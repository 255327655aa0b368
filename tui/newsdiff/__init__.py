"""newsdiff: read one news story as told by several outlets and see how they differ."""

__version__ = "0.1.0"
