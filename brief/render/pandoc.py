"""Where Pandoc is: the binary the pypandoc-binary wheel carries, found through pypandoc's API."""
from ..errors import BriefError


def pandoc_binary() -> str:
    import pypandoc  # ~0.15 s to import: only when Pandoc must run
    try:
        return pypandoc.get_pandoc_path()
    except OSError:
        raise BriefError("pandoc is not installed: run 'make brief' (it installs pypandoc-binary)") from None
