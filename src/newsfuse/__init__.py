"""newsfuse: from raw news pages of many outlets to verified, cited stories."""

__version__ = "0.1.0"
