"""Frozen settings from the environment and an optional `.env` file."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.domain.content import CONTACTS_ENV, DEFAULT_ROOT
from bot.domain.schedule import DigestPolicy, ReminderPolicy

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
APP_TYPES = ("MultiTenant", "SingleTenant", "UserAssignedMSI")
DEFAULT_DATABASE_URL = "sqlite:///data/samenwerkwijzer.db"
DEFAULT_MAX_BODY_BYTES = 256 * 1024


class SettingsError(ValueError):
    """A setting that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"  # only this machine; 0.0.0.0 for every interface
    port: int = 3978
    app_id: str = ""
    app_password: str = field(default="", repr=False)
    app_type: str = "SingleTenant"  # Azure creates new bot registrations single-tenant
    app_tenant_id: str = ""
    allowed_tenant_ids: frozenset[str] = frozenset()
    administrators: frozenset[str] = frozenset()  # Entra object ids who may change any partnership
    database_url: str = DEFAULT_DATABASE_URL
    log_level: str = "INFO"
    content_dir: Path = DEFAULT_ROOT
    contacts_file: Path | None = None
    store_question_text: bool = False
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    reminder_policy: ReminderPolicy = field(default_factory=ReminderPolicy)
    digest_policy: DigestPolicy | None = None
    scheduler_interval_seconds: int = 60  # 0: no reminders from inside the app
    public_url: str = ""  # where Teams users' browsers reach the bot (calendar links)
    calendar_secret: str = field(default="local-development", repr=False)
    bot_domain: str = ""  # host name of the messaging endpoint, for the Teams app package

    @property
    def auth_enabled(self) -> bool:
        """With an app id every request must carry a valid Bot Framework token."""
        return bool(self.app_id)

    @property
    def logs_message_text(self) -> bool:
        return self.log_level == "DEBUG"

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, dotenv: Path | None = None
    ) -> Settings:
        """Environment variables win over `.env` (KEY=value lines, # comments)."""
        values = dict(read_dotenv(dotenv or Path(".env")))
        values.update(os.environ if environ is None else environ)
        get = values.get
        app_type = get("MicrosoftAppType", "SingleTenant") or "SingleTenant"
        log_level = (get("LOG_LEVEL", "INFO") or "INFO").upper()
        settings = cls(
            host=(get("HOST", "") or "127.0.0.1").strip(),
            port=_int(get("PORT", "3978"), "PORT", 1, 65535),
            app_id=get("MicrosoftAppId", "").strip(),
            app_password=get("MicrosoftAppPassword", "").strip(),
            app_type=app_type,
            app_tenant_id=get("MicrosoftAppTenantId", "").strip(),
            allowed_tenant_ids=_id_set(get("ALLOWED_TENANT_IDS", "")),
            administrators=_id_set(get("ADMIN_USER_IDS", "")),
            database_url=get("DATABASE_URL", DEFAULT_DATABASE_URL) or DEFAULT_DATABASE_URL,
            log_level=log_level,
            content_dir=Path(get("CONTENT_DIR") or DEFAULT_ROOT),
            contacts_file=Path(get(CONTACTS_ENV, "")) if get(CONTACTS_ENV) else None,
            store_question_text=_bool(
                get("FEEDBACK_STORE_QUESTIONS", "false"), "FEEDBACK_STORE_QUESTIONS"
            ),
            max_body_bytes=_int(
                get("MAX_BODY_BYTES", str(DEFAULT_MAX_BODY_BYTES)), "MAX_BODY_BYTES", 1024, 10**7
            ),
            bot_domain=get("BOT_DOMAIN", "").strip(),
            reminder_policy=ReminderPolicy(
                lead_days=_lead_days(get("REMINDER_LEAD_DAYS", "30,7,0")),
                hour=_int(get("REMINDER_HOUR", "9"), "REMINDER_HOUR", 0, 23),
                timezone=_timezone(get("TIMEZONE", "Europe/Amsterdam")),
            ),
            digest_policy=DigestPolicy(
                conversation_id=get("DIGEST_CONVERSATION_ID", ""),
                weekday=_int(get("DIGEST_WEEKDAY", "0"), "DIGEST_WEEKDAY", 0, 6),
                hour=_int(get("DIGEST_HOUR", "9"), "DIGEST_HOUR", 0, 23),
            )
            if get("DIGEST_CONVERSATION_ID")
            else None,
            scheduler_interval_seconds=_int(
                get("SCHEDULER_INTERVAL_SECONDS", "60"), "SCHEDULER_INTERVAL_SECONDS", 0, 86400
            ),
            public_url=get("PUBLIC_URL", "").strip()
            or (f"https://{get('BOT_DOMAIN', '').strip()}" if get("BOT_DOMAIN") else ""),
            calendar_secret=(
                get("CALENDAR_SECRET") or get("MicrosoftAppPassword") or "local-development"
            ),
        )
        settings.check()
        return settings

    def check(self) -> None:
        if self.app_type not in APP_TYPES:
            raise SettingsError(
                f"MicrosoftAppType must be one of {', '.join(APP_TYPES)}, not {self.app_type!r}"
            )
        if self.log_level not in LOG_LEVELS:
            raise SettingsError(
                f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, not {self.log_level!r}"
            )
        if self.app_id and not self.app_password and self.app_type != "UserAssignedMSI":
            raise SettingsError("MicrosoftAppPassword is required when MicrosoftAppId is set")
        if self.app_password and not self.app_id:
            raise SettingsError("MicrosoftAppId is required when MicrosoftAppPassword is set")
        if self.app_id and self.app_type == "SingleTenant" and not self.app_tenant_id:
            raise SettingsError(
                "MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant"
            )
        if not self.content_dir.is_dir():
            raise SettingsError(f"CONTENT_DIR {self.content_dir} is not a folder")

    @property
    def logging_level(self) -> int:
        return int(getattr(logging, self.log_level))


def read_dotenv(path: Path) -> list[tuple[str, str]]:
    if not path.is_file():
        return []
    pairs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, separator, value = line.partition("=")
        if not separator or not key.strip():
            raise SettingsError(f"{path}:{number}: expected KEY=value")
        pairs.append((key.strip(), value.strip().strip("'\"")))
    return pairs


def _lead_days(text: str) -> tuple[int, ...]:
    days = tuple(_int(part.strip(), "REMINDER_LEAD_DAYS", 0, 365) for part in text.split(","))
    return tuple(sorted(set(days), reverse=True))


def _timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(f"TIMEZONE {name!r} is not a known time zone") from None
    return name


def _id_set(text: str) -> frozenset[str]:
    return frozenset(part.strip() for part in text.split(",") if part.strip())


def _int(text: str, name: str, low: int, high: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, not {text!r}") from None
    if not low <= value <= high:
        raise SettingsError(f"{name} must be between {low} and {high}, not {value}")
    return value


def _bool(text: str, name: str) -> bool:
    lowered = text.strip().lower()
    if lowered in ("1", "true", "yes", "ja", "on"):
        return True
    if lowered in ("", "0", "false", "no", "nee", "off"):
        return False
    raise SettingsError(f"{name} must be true or false, not {text!r}")
