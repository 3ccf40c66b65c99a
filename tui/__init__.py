"""dataaction: build, test and deploy Genesys Cloud Data Actions from the terminal."""

__version__ = "0.1.0"
