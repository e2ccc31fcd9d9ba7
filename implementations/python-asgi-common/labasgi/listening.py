"""The one line every lab server prints when it listens, `<name> listening on http://<host>:<port>`,
taken from uvicorn's own "Uvicorn running on ..." record (which has the real port when PORT=0
was given), through the logging filter of logging.json: uvicorn binds the socket, in one worker
or several, and only it knows the port."""

import logging
import sys


class AnnounceListening(logging.Filter):
    def __init__(self, name: str = "") -> None:
        super().__init__()
        self.server_name = name

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and record.msg.startswith("Uvicorn running on") and record.args:
            protocol, host, port = record.args[:3]  # type: ignore[index]
            sys.stdout.write(f"{self.server_name} listening on {protocol}://{host}:{port}\n")
            sys.stdout.flush()
            return False
        return True
