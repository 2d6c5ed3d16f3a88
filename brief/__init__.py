"""brief: turn a folder of YAML content into a professional PDF policy brief."""

__version__ = "0.1.0"
