"""A vendor SDK as installed in a virtual environment (test data for loopwarden)."""
from .client import Client
from .streams import Stream, Uploader
from ._version import __version__

__all__ = ["Client", "Stream", "Uploader", "__version__"]
