"""Frozen settings from the environment and an optional `.env` file.

pydantic-settings reads and types them (`.env` through python-dotenv: quotes, `export`,
comments); the validators here keep the messages that name the setting, e.g.
"PORT must be between 1 and 65535, not 70000". The rest of the code sees the frozen
`Settings` dataclass, which tests build directly.
"""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv.parser import parse_stream
from pydantic import BeforeValidator, Field, ValidationError
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from bot.domain.content import CONTACTS_ENV, DEFAULT_ROOT
from bot.domain.retention import RetentionPeriods
from bot.domain.schedule import DigestPolicy, ReminderPolicy

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
APP_TYPES = ("MultiTenant", "SingleTenant", "UserAssignedMSI")
DEFAULT_DATABASE_URL = "sqlite:///data/samenwerkwijzer.db"
DEFAULT_MAX_BODY_BYTES = 256 * 1024
DEFAULT_HOST = "127.0.0.1"


class SettingsError(ValueError):
    """A setting that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class Settings:
    host: str = DEFAULT_HOST  # only this machine; 0.0.0.0 for every interface
    port: int = 3978
    app_id: str = ""
    app_password: str = field(default="", repr=False)
    app_type: str = "SingleTenant"  # Azure creates new bot registrations single-tenant
    app_tenant_id: str = ""
    allowed_tenant_ids: frozenset[str] = frozenset()
    administrators: frozenset[str] = frozenset()  # Entra object ids who may change any partnership
    database_url: str = field(default=DEFAULT_DATABASE_URL, repr=False)  # may hold a password
    database_pool_size: int = 10  # PostgreSQL connections per instance for statements
    database_timeout_seconds: int = 5  # the longest wait for a connection or a statement
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
    ticket_reminder_working_days: int = 3  # an open question to an expert team is recalled
    ticket_retention_days: int = 365  # closed questions to expert teams are deleted after
    feedback_retention_days: int = 90  # ratings and unanswered question texts are kept so long
    state_retention_days: int = 30  # an unfinished conversation untouched so long is forgotten

    @property
    def retention(self) -> RetentionPeriods:
        return RetentionPeriods(
            feedback_days=self.feedback_retention_days,
            state_days=self.state_retention_days,
            ticket_days=self.ticket_retention_days,
        )

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
        dotenv = dotenv or Path(".env")
        check_dotenv(dotenv)
        source = os.environ if environ is None else environ
        # Only our names: the rest of the environment (and BaseSettings' own `_`-arguments)
        # stays out.
        values: dict[str, Any] = {name: source[name] for name in _names() if name in source}
        try:
            env = _Environment(_env_file=dotenv if dotenv.is_file() else None, **values)
        except ValidationError as error:
            raise _settings_error(error) from None
        settings = env.settings()
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


# --- reading ------------------------------------------------------------------------------


def _text(default: str = "") -> Callable[[Any], str]:
    """Stripped text; empty means the default."""

    def parse(value: Any) -> str:
        return str(value).strip() or default

    return parse


def _whole(name: str, low: int, high: int) -> Callable[[Any], int]:
    def parse(value: Any) -> int:
        text = str(value)
        try:
            number = int(text)
        except ValueError:
            raise SettingsError(f"{name} must be a whole number, not {text!r}") from None
        if not low <= number <= high:
            raise SettingsError(f"{name} must be between {low} and {high}, not {number}")
        return number

    return parse


def _truth(name: str) -> Callable[[Any], bool]:
    def parse(value: Any) -> bool:
        lowered = str(value).strip().lower()
        if lowered in ("1", "true", "yes", "ja", "on"):
            return True
        if lowered in ("", "0", "false", "no", "nee", "off"):
            return False
        raise SettingsError(f"{name} must be true or false, not {value!r}")

    return parse


def _ids(value: Any) -> frozenset[str]:
    if isinstance(value, frozenset | set | list | tuple):
        return frozenset(value)
    return frozenset(part.strip() for part in str(value).split(",") if part.strip())


def _lead_days(value: Any) -> tuple[int, ...]:
    if isinstance(value, tuple):
        return value
    parse = _whole("REMINDER_LEAD_DAYS", 0, 365)
    return tuple(sorted({parse(part.strip()) for part in str(value).split(",")}, reverse=True))


def _timezone(value: Any) -> str:
    name = str(value)
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(f"TIMEZONE {name!r} is not a known time zone") from None
    return name


Text = Annotated[str, BeforeValidator(_text())]
Ids = Annotated[frozenset[str], NoDecode, BeforeValidator(_ids)]


class _Environment(BaseSettings):
    """The settings as named in the environment, typed."""

    model_config = SettingsConfigDict(case_sensitive=True, extra="ignore", frozen=True)

    host: Annotated[str, BeforeValidator(_text(DEFAULT_HOST))] = Field(DEFAULT_HOST, alias="HOST")
    port: Annotated[int, BeforeValidator(_whole("PORT", 1, 65535))] = Field(3978, alias="PORT")
    app_id: Text = Field("", alias="MicrosoftAppId")
    app_password: Text = Field("", alias="MicrosoftAppPassword", repr=False)
    app_type: Annotated[str, BeforeValidator(_text("SingleTenant"))] = Field(
        "SingleTenant", alias="MicrosoftAppType"
    )
    app_tenant_id: Text = Field("", alias="MicrosoftAppTenantId")
    allowed_tenant_ids: Ids = Field(frozenset(), alias="ALLOWED_TENANT_IDS")
    administrators: Ids = Field(frozenset(), alias="ADMIN_USER_IDS")
    database_url: Annotated[str, BeforeValidator(_text(DEFAULT_DATABASE_URL))] = Field(
        DEFAULT_DATABASE_URL, alias="DATABASE_URL", repr=False
    )
    database_pool_size: Annotated[int, BeforeValidator(_whole("DATABASE_POOL_SIZE", 1, 100))] = (
        Field(10, alias="DATABASE_POOL_SIZE")
    )
    database_timeout_seconds: Annotated[
        int, BeforeValidator(_whole("DATABASE_TIMEOUT_SECONDS", 1, 10))
    ] = Field(5, alias="DATABASE_TIMEOUT_SECONDS")
    log_level: Annotated[str, BeforeValidator(lambda v: _text("INFO")(v).upper())] = Field(
        "INFO", alias="LOG_LEVEL"
    )
    content_dir: Text = Field("", alias="CONTENT_DIR")
    contacts_file: Text = Field("", alias=CONTACTS_ENV)
    store_question_text: Annotated[bool, BeforeValidator(_truth("FEEDBACK_STORE_QUESTIONS"))] = (
        Field(False, alias="FEEDBACK_STORE_QUESTIONS")
    )
    max_body_bytes: Annotated[int, BeforeValidator(_whole("MAX_BODY_BYTES", 1024, 10**7))] = Field(
        DEFAULT_MAX_BODY_BYTES, alias="MAX_BODY_BYTES"
    )
    lead_days: Annotated[tuple[int, ...], NoDecode, BeforeValidator(_lead_days)] = Field(
        (30, 7, 0), alias="REMINDER_LEAD_DAYS"
    )
    reminder_hour: Annotated[int, BeforeValidator(_whole("REMINDER_HOUR", 0, 23))] = Field(
        9, alias="REMINDER_HOUR"
    )
    timezone: Annotated[str, BeforeValidator(_timezone)] = Field(
        "Europe/Amsterdam", alias="TIMEZONE"
    )
    digest_conversation_id: Text = Field("", alias="DIGEST_CONVERSATION_ID")
    digest_weekday: Annotated[int, BeforeValidator(_whole("DIGEST_WEEKDAY", 0, 6))] = Field(
        0, alias="DIGEST_WEEKDAY"
    )
    digest_hour: Annotated[int, BeforeValidator(_whole("DIGEST_HOUR", 0, 23))] = Field(
        9, alias="DIGEST_HOUR"
    )
    scheduler_interval_seconds: Annotated[
        int, BeforeValidator(_whole("SCHEDULER_INTERVAL_SECONDS", 0, 86400))
    ] = Field(60, alias="SCHEDULER_INTERVAL_SECONDS")
    bot_domain: Text = Field("", alias="BOT_DOMAIN")
    public_url: Text = Field("", alias="PUBLIC_URL")
    calendar_secret: Text = Field("", alias="CALENDAR_SECRET", repr=False)
    ticket_reminder_working_days: Annotated[
        int, BeforeValidator(_whole("TICKET_REMINDER_WORKING_DAYS", 1, 60))
    ] = Field(3, alias="TICKET_REMINDER_WORKING_DAYS")
    ticket_retention_days: Annotated[
        int, BeforeValidator(_whole("TICKET_RETENTION_DAYS", 1, 3650))
    ] = Field(365, alias="TICKET_RETENTION_DAYS")
    feedback_retention_days: Annotated[
        int, BeforeValidator(_whole("FEEDBACK_RETENTION_DAYS", 1, 3650))
    ] = Field(90, alias="FEEDBACK_RETENTION_DAYS")
    state_retention_days: Annotated[
        int, BeforeValidator(_whole("STATE_RETENTION_DAYS", 1, 3650))
    ] = Field(30, alias="STATE_RETENTION_DAYS")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # The environment comes in as init values (the caller's mapping, or os.environ),
        # so that tests can pass their own; it wins over `.env`.
        return init_settings, dotenv_settings

    def settings(self) -> Settings:
        return Settings(
            host=self.host,
            port=self.port,
            app_id=self.app_id,
            app_password=self.app_password,
            app_type=self.app_type,
            app_tenant_id=self.app_tenant_id,
            allowed_tenant_ids=self.allowed_tenant_ids,
            administrators=self.administrators,
            database_url=self.database_url,
            database_pool_size=self.database_pool_size,
            database_timeout_seconds=self.database_timeout_seconds,
            log_level=self.log_level,
            content_dir=Path(self.content_dir) if self.content_dir else DEFAULT_ROOT,
            contacts_file=Path(self.contacts_file) if self.contacts_file else None,
            store_question_text=self.store_question_text,
            max_body_bytes=self.max_body_bytes,
            bot_domain=self.bot_domain,
            reminder_policy=ReminderPolicy(
                lead_days=self.lead_days, hour=self.reminder_hour, timezone=self.timezone
            ),
            digest_policy=DigestPolicy(
                conversation_id=self.digest_conversation_id,
                weekday=self.digest_weekday,
                hour=self.digest_hour,
            )
            if self.digest_conversation_id
            else None,
            scheduler_interval_seconds=self.scheduler_interval_seconds,
            public_url=self.public_url or (f"https://{self.bot_domain}" if self.bot_domain else ""),
            calendar_secret=self.calendar_secret or self.app_password or "local-development",
            ticket_reminder_working_days=self.ticket_reminder_working_days,
            ticket_retention_days=self.ticket_retention_days,
            feedback_retention_days=self.feedback_retention_days,
            state_retention_days=self.state_retention_days,
        )


def _names() -> list[str]:
    return [str(info.alias) for info in _Environment.model_fields.values()]


def _settings_error(error: ValidationError) -> SettingsError:
    """The first problem, in the words of the validator that names the setting."""
    first = error.errors()[0]
    cause = (first.get("ctx") or {}).get("error")
    if isinstance(cause, SettingsError):
        return cause
    name = first["loc"][0] if first["loc"] else "a setting"
    return SettingsError(f"{name}: {first['msg']}")


def check_dotenv(path: Path) -> None:
    """A line python-dotenv cannot read is an error naming the file and line, not skipped."""
    if not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    for binding in parse_stream(io.StringIO(text)):
        if binding.error:
            raise SettingsError(f"{path}:{binding.original.line}: expected KEY=value")


def read_dotenv(path: Path) -> list[tuple[str, str]]:
    """The KEY=value pairs of a `.env` file, for commands that need only a few of them."""
    check_dotenv(path)
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8")
    return [
        (binding.key, binding.value or "")
        for binding in parse_stream(io.StringIO(text))
        if binding.key is not None
    ]
