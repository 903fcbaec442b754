"""Starts Samenwerkwijzer: python app.py"""

import asyncio
import errno
import gc
import logging
import signal
import sys

from aiohttp import web

from bot.domain.content import ContentError
from bot.logs import configure_logging
from bot.settings import Settings, SettingsError
from bot.store.database import DatabaseUnavailable
from bot.web import create_app

SHUTDOWN_SECONDS = 20.0  # running turns finish within their 15 s; then the rest stops
log = logging.getLogger("bot")


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
    except (ValueError, DatabaseUnavailable) as error:
        print(f"Cannot start: {error}", file=sys.stderr)
        return 2
    # What start-up built (content, indexes) lives as long as the process: keep it out of
    # the garbage collector's full passes, which otherwise stop every running turn for
    # a tenth of a second or more to walk it again.
    gc.collect()
    gc.freeze()
    return asyncio.run(serve(app, settings.host, settings.port))


async def serve(app: web.Application, host: str, port: int) -> int:
    """Listen until SIGTERM or SIGINT; then finish the running turns and stop cleanly."""
    runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=SHUTDOWN_SECONDS)
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port).start()
    except OSError as error:
        await runner.cleanup()
        if error.errno == errno.EADDRINUSE:
            print(
                f"Cannot start: port {port} on {host} is already in use "
                "(is the bot running already? set PORT to another port)",
                file=sys.stderr,
            )
        else:
            reason = error.strerror or str(error)
            print(f"Cannot start: cannot listen on {host}:{port}: {reason}", file=sys.stderr)
        return 2
    log.info("listening on http://%s:%s/api/messages", host, port)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    await stop.wait()
    log.info("stopping: no new requests; running turns finish")
    await runner.cleanup()  # stops listening, waits for running requests, then cleanup_ctx
    log.info("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
