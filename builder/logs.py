"""Console logging for tasks: warnings and errors only, as plain lines."""

import logging


def quiet_pelican_logs():
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING)
