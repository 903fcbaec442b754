"""Starts Samenwerkwijzer: python app.py"""

import logging
import sys

from aiohttp import web

from bot.domain.content import ContentError
from bot.logs import configure_logging
from bot.settings import Settings, SettingsError
from bot.web import create_app


def main() -> int:
    try:
        settings = Settings.from_env()
        configure_logging(settings.logging_level)
        app = create_app(settings)
    except SettingsError as error:
        print(f"Bad setting: {error}", file=sys.stderr)
        return 2
    except ContentError as error:
        print("Content is not valid:", file=sys.stderr)
        print(error, file=sys.stderr)
        return 2
    except ValueError as error:
        print(f"Cannot start: {error}", file=sys.stderr)
        return 2
    logging.getLogger("bot").info("listening on port %s", settings.port)
    web.run_app(app, host="0.0.0.0", port=settings.port, print=None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
