"""Everything the bot runs on, built once from the settings: for the web app and the CLI."""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial

from botbuilder.core import ConversationState, UserState
from botbuilder.integration.aiohttp import ConfigurationBotFrameworkAuthentication

from bot.conversation.bot import SamenwerkwijzerBot
from bot.domain.content import Content, load_content
from bot.domain.matcher import Matcher
from bot.reminders.runner import ReminderRunner
from bot.reminders.tickets import TicketNotifier
from bot.settings import Settings
from bot.store.appraisals import AppraisalRepository
from bot.store.database import Database, open_database
from bot.store.feedback import FeedbackRepository
from bot.store.references import ReferenceRepository
from bot.store.register import IntakeRepository, PartnershipRepository
from bot.store.reminders import ReminderRepository
from bot.store.retention import Purged, RetentionRepository
from bot.store.state_storage import SqlStateStorage
from bot.store.tickets import TicketRepository
from bot.teams.connector import ActivitySender, TeamsAdapter
from bot.teams.proactive import ProactiveSender

Clock = Callable[[], datetime]
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Services:
    settings: Settings
    content: Content
    database: Database
    adapter: TeamsAdapter
    bot: SamenwerkwijzerBot
    conversation_state: ConversationState
    partnerships: PartnershipRepository
    references: ReferenceRepository
    reminders: ReminderRepository
    proactive: ProactiveSender
    tickets: TicketRepository
    ticket_notifier: TicketNotifier
    retention: RetentionRepository
    clock: Clock

    def reminder_runner(self, after_claim: Callable[[], None] = lambda: None) -> ReminderRunner:
        return ReminderRunner(
            self.content,
            self.partnerships,
            self.reminders,
            self.references,
            self.proactive,
            self.settings.reminder_policy,
            self.settings.digest_policy,
            partial(calendar_url, self.settings),
            after_claim,
            self.tickets.open_counts,
        )

    async def purge_expired(self, now: datetime) -> Purged | None:
        """Once a day across instances: forget old feedback and unfinished conversations."""
        day = now.astimezone(self.settings.reminder_policy.zone).date()
        purged = await self.retention.purge(day, now, self.settings.retention)
        if purged is not None:
            log.info(
                "retention purge: %d feedback rows, %d conversation states deleted",
                purged.feedback,
                purged.states,
            )
        return purged


def calendar_signature(settings: Settings, partnership_id: int) -> str:
    """Calendar links carry a signature, so nobody can list partnerships by guessing ids."""
    secret = settings.calendar_secret.encode()
    return hmac.new(secret, str(partnership_id).encode(), hashlib.sha256).hexdigest()[:32]


def calendar_url(settings: Settings, partnership_id: int) -> str | None:
    """Where a browser downloads the partnership's evaluation moments (needs PUBLIC_URL)."""
    if not settings.public_url:
        return None
    signature = calendar_signature(settings, partnership_id)
    return f"{settings.public_url.rstrip('/')}/calendar/{partnership_id}.ics?sig={signature}"


EXPORT_LINK_SECONDS = 15 * 60  # an overview link works this long after it was made


def export_signature(settings: Settings, expires: int) -> str:
    """The overview download is signed with its expiry, so a link cannot be made longer."""
    secret = settings.calendar_secret.encode()
    return hmac.new(secret, f"export:{expires}".encode(), hashlib.sha256).hexdigest()[:32]


def export_url(settings: Settings, now: datetime) -> str | None:
    """A short-lived link to the register overview as CSV (needs PUBLIC_URL)."""
    if not settings.public_url:
        return None
    expires = int(now.timestamp()) + EXPORT_LINK_SECONDS
    signature = export_signature(settings, expires)
    base = settings.public_url.rstrip("/")
    return f"{base}/export/samenwerkingen.csv?expires={expires}&sig={signature}"


def build_services(
    settings: Settings, *, database: Database | None = None, clock: Clock | None = None
) -> Services:
    """Loads content and opens the database; raises ContentError or ValueError on bad setup."""
    content = load_content(settings.content_dir, settings.contacts_file)
    clock = clock or (lambda: datetime.now(UTC))
    database = database or open_database(
        settings.database_url,
        timeout_seconds=settings.database_timeout_seconds,
        pool_size=settings.database_pool_size,
    )
    storage = SqlStateStorage(database, clock)
    conversation_state = ConversationState(storage)
    authentication = ConfigurationBotFrameworkAuthentication(_BotConfig(settings))
    adapter = TeamsAdapter(authentication, ActivitySender())
    partnerships = PartnershipRepository(database)
    references = ReferenceRepository(database)
    proactive = ProactiveSender(adapter, settings.app_id)
    tickets = TicketRepository(database)
    notifier = TicketNotifier(
        content,
        tickets,
        partnerships,
        references,
        proactive,
        reminder_working_days=settings.ticket_reminder_working_days,
        retention_days=settings.ticket_retention_days,
        timezone=settings.reminder_policy.timezone,
    )

    async def deliver_tickets(now: datetime, ticket_id: int | None) -> object:
        return await notifier.deliver(now, ticket_id)

    bot = SamenwerkwijzerBot(
        content=content,
        matcher=Matcher(content),
        conversation_state=conversation_state,
        user_state=UserState(storage),
        feedback=FeedbackRepository(database),
        partnerships=partnerships,
        intakes=IntakeRepository(database),
        appraisals=AppraisalRepository(database),
        references=references,
        tickets=tickets,
        deliver_tickets=deliver_tickets,
        administrators=settings.administrators,
        calendar_url=partial(calendar_url, settings),
        export_url=partial(export_url, settings),
        store_question_text=settings.store_question_text,
        retention=settings.retention,
        log_message_text=settings.logs_message_text,
        clock=clock,
    )
    return Services(
        settings=settings,
        content=content,
        database=database,
        adapter=adapter,
        bot=bot,
        conversation_state=conversation_state,
        partnerships=partnerships,
        references=references,
        reminders=ReminderRepository(database),
        proactive=proactive,
        tickets=tickets,
        ticket_notifier=notifier,
        retention=RetentionRepository(database),
        clock=clock,
    )


class _BotConfig:
    """The attribute names botbuilder's configuration-based authentication reads."""

    def __init__(self, settings: Settings) -> None:
        self.APP_ID = settings.app_id or None
        self.APP_PASSWORD = settings.app_password or None
        # Local mode (no app id) has no tenant: botbuilder's anonymous credentials need none.
        self.APP_TYPE = settings.app_type if settings.app_id else "MultiTenant"
        self.APP_TENANTID = settings.app_tenant_id or None
