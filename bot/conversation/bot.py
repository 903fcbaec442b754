"""The Teams conversation: commands, card actions, guided dialogs and free-text questions."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from botbuilder.core import ConversationState, InvokeResponse, TurnContext, UserState
from botbuilder.core.teams import TeamsActivityHandler
from botbuilder.dialogs import DialogSet
from botbuilder.schema import Activity, ActivityTypes, ChannelAccount

from bot import cards
from bot.conversation.commands import Command, ParsedCommand, parse_command, pick_option
from bot.conversation.evaluations import ACTIONS as EVALUATION_ACTIONS
from bot.conversation.evaluations import EvaluationActions
from bot.conversation.partnerships import ACTIONS as PARTNERSHIP_ACTIONS
from bot.conversation.partnerships import PartnershipActions
from bot.conversation.search import (
    COMMAND_ID,
    messaging_extension_response,
    query_skip,
    query_text,
    search,
)
from bot.domain.content import Content
from bot.domain.dutch import normalize
from bot.domain.matcher import Matcher, MatchResult
from bot.domain.models import Theme
from bot.store.feedback import FeedbackKind, FeedbackRepository
from bot.store.references import ReferenceRepository
from bot.store.register import IntakeRepository, PartnershipRepository
from bot.teams import lifecycle
from bot.teams.replies import send_card, sender
from dialogs.intake import INTAKE_DIALOG, IntakeDialog
from dialogs.partnership import PARTNERSHIP_DIALOG, PartnershipDialog

log = logging.getLogger(__name__)

EXAMPLE_QUESTIONS = (
    "Moeten we een verwerkersovereenkomst afsluiten?",
    "Is er sprake van staatssteun als we een stichting subsidiëren?",
    "Wat regel ik met P&O als collega's gedetacheerd worden?",
)
_LEADING_MENTION = re.compile(r"^\s*<at>[^<]*</at>", re.IGNORECASE)
# Commands that answer and leave a running intake or registration where it was.
_COMMANDS_BESIDE_DIALOGS = {
    Command.DELETE_MY_DATA,
    Command.THEMES,
    Command.EXPERTS,
    Command.PRIVACY,
    Command.MY_PARTNERSHIPS,
}
_STARTS = {"intake_start": INTAKE_DIALOG, "partnership_new": PARTNERSHIP_DIALOG}
_FORMS = {"intake_form": INTAKE_DIALOG, "partnership_form": PARTNERSHIP_DIALOG}


class SamenwerkwijzerBot(TeamsActivityHandler):  # type: ignore[misc]
    def __init__(
        self,
        *,
        content: Content,
        matcher: Matcher,
        conversation_state: ConversationState,
        user_state: UserState,
        feedback: FeedbackRepository,
        partnerships: PartnershipRepository,
        intakes: IntakeRepository,
        references: ReferenceRepository,
        administrators: frozenset[str],
        calendar_url: Callable[[int], str | None],
        store_question_text: bool,
        log_message_text: bool,
        clock: Callable[[], datetime],
    ) -> None:
        super().__init__()
        self._content = content
        self._matcher = matcher
        self._entries = {entry.id: entry for entry in matcher.entries}
        self._conversation_state = conversation_state
        self._user_state = user_state
        self._conversation = conversation_state.create_property("conversation")
        self._dialogs = DialogSet(conversation_state.create_property("dialogs"))
        self._intake = IntakeDialog(content, intakes, partnerships, clock)
        self._dialogs.add(self._intake)
        self._dialogs.add(PartnershipDialog(content, partnerships, clock))
        self._partnerships = partnerships
        self._intakes = intakes
        self._register = PartnershipActions(
            content, partnerships, intakes, references, administrators, clock, calendar_url
        )
        self._evaluations = EvaluationActions(content, partnerships, administrators, clock)
        self._references = references
        self._feedback = feedback
        self._store_question_text = store_question_text
        self._log_message_text = log_message_text
        self._clock = clock

    async def on_turn(self, turn_context: TurnContext) -> None:
        self._remember_reference(turn_context)
        await super().on_turn(turn_context)
        await self._conversation_state.save_changes(turn_context)
        await self._user_state.save_changes(turn_context)

    async def on_invoke_activity(self, turn_context: TurnContext) -> InvokeResponse:
        """Search from the compose box. The body stays plain JSON: botbuilder's own invoke
        path serialises it twice and answers 500."""
        activity = turn_context.activity
        value = activity.value if isinstance(activity.value, dict) else {}
        if activity.name != "composeExtension/query" or value.get("commandId") != COMMAND_ID:
            return await super().on_invoke_activity(turn_context)
        results = (
            [] if query_skip(value) else search(query_text(value), self._matcher, self._content)
        )
        return InvokeResponse(status=200, body=messaging_extension_response(results))

    def _remember_reference(self, turn_context: TurnContext) -> None:
        """Where to reach this user or conversation later (reminders, the digest)."""
        lifecycle.follow(turn_context.activity, self._references, self._clock())

    async def on_installation_update_remove(self, turn_context: TurnContext) -> None:
        """The app was removed: bot.teams.lifecycle already stopped reaching them."""

    async def on_teams_members_added_dispatch(
        self, members_added: list[ChannelAccount], team_info: Any, turn_context: TurnContext
    ) -> None:
        """Welcome once per conversation, when the bot itself is added; never per member.

        Replaces botbuilder's dispatch, which looks up every added member at the connector:
        the bot needs nothing from them.
        """
        bot_id = turn_context.activity.recipient.id
        if not any(member.id == bot_id for member in members_added):
            return
        memory = await self._memory(turn_context)
        if memory.get("welcomed"):
            return
        memory["welcomed"] = True
        await send_card(turn_context, cards.welcome_card(self._content, list(EXAMPLE_QUESTIONS)))

    # --- messages ---------------------------------------------------------------------------

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        activity = turn_context.activity
        if isinstance(activity.value, dict) and activity.value.get("action"):
            await self._on_card_action(turn_context, activity.value)
            return
        text = strip_bot_mention(activity)
        if self._log_message_text:
            log.debug("message text: %r", text)
        parsed = parse_command(text) if text else None
        dialog = await self._dialogs.create_context(turn_context)
        if dialog.active_dialog is not None and (
            parsed is None or parsed.command not in _COMMANDS_BESIDE_DIALOGS
        ):
            if parsed is None or parsed.command is Command.HELP:
                await dialog.continue_dialog()
                return
            await self._offer_resume(turn_context, dialog, _requested_start(parsed, self))
            return
        if not text:
            await send_card(turn_context, cards.help_card(self._content, list(EXAMPLE_QUESTIONS)))
        elif parsed is not None:
            await self._on_command(turn_context, parsed)
        else:
            await self._on_question(turn_context, text)

    async def _on_question(self, turn_context: TurnContext, text: str) -> None:
        memory = await self._memory(turn_context)
        options: list[str] = memory.get("options", [])
        picked = pick_option(text, len(options))
        if picked is not None and options[picked] in self._entries:
            await self._show(turn_context, options[picked])
            return
        await turn_context.send_activity(Activity(type=ActivityTypes.typing))
        result = self._matcher.match(text)
        log.info(
            "question answered", extra={"decision": result.decision, "entry": _best_id(result)}
        )
        memory["options"] = (
            [m.entry.id for m in result.options] if result.decision == "clarify" else []
        )
        if result.decision == "answer":
            await send_card(turn_context, cards.answer_card(result.options[0].entry, self._content))
            return
        kind: FeedbackKind = "unclear" if result.decision == "clarify" else "unanswered"
        question = text if self._store_question_text else None
        self._feedback.record(kind, _best_id(result), question, self._clock())
        if result.decision == "clarify":
            await send_card(turn_context, cards.clarify_card(result, self._content))
        else:
            await send_card(turn_context, cards.out_of_scope_card(self._content))

    async def _on_command(self, turn_context: TurnContext, parsed: ParsedCommand) -> None:
        content = self._content
        command = parsed.command
        if command is Command.HELP:
            await send_card(turn_context, cards.help_card(content, list(EXAMPLE_QUESTIONS)))
        elif command is Command.THEMES:
            await send_card(turn_context, cards.themes_card(content))
        elif command is Command.EXPERTS:
            await send_card(turn_context, cards.experts_card(content))
        elif command is Command.PRIVACY:
            await send_card(
                turn_context, cards.privacy_card(await self._stored_lines(turn_context))
            )
        elif command is Command.DELETE_MY_DATA:
            await self._delete_my_data(turn_context)
        elif command is Command.INTAKE:
            theme = self.find_theme(parsed.argument)
            if theme is None:
                await send_card(turn_context, cards.themes_card(content))
            else:
                await send_card(turn_context, cards.intake_choice_card(theme, None))
        elif command is Command.NEW_PARTNERSHIP:
            await self._begin(turn_context, PARTNERSHIP_DIALOG, {"mode": "form"})
        elif command is Command.MY_PARTNERSHIPS:
            await self._register.show_mine(turn_context)

    # --- card buttons -------------------------------------------------------------------------

    async def _on_card_action(self, turn_context: TurnContext, value: dict[str, Any]) -> None:
        action = value.get("action")
        if action in _STARTS:
            await self._begin(turn_context, _STARTS[action], _start_options(value))
        elif action in _FORMS:
            await self._on_form(turn_context, _FORMS[action], value)
        elif action in ("intake_resume", "intake_discard"):
            await self._resume_or_discard(turn_context, action == "intake_resume")
        elif action in PARTNERSHIP_ACTIONS:
            await self._register.handle(turn_context, value)
        elif action in EVALUATION_ACTIONS:
            await self._evaluations.handle(turn_context, value)
        elif action == "show":
            await self._show(turn_context, str(value.get("id", "")))
        elif action == "theme":
            theme = self.find_theme(str(value.get("key", "")), exact=True)
            card = cards.theme_card(theme, self._content) if theme else None
            await self._send_or_unknown(turn_context, card)
        elif action == "expert":
            expert = self._content.experts.get(str(value.get("code", "")))
            card = cards.expert_card(expert, self._content) if expert else None
            await self._send_or_unknown(turn_context, card)
        elif action == "feedback" and str(value.get("id")) in self._entries:
            helpful = value.get("helpful") is True
            kind: FeedbackKind = "helpful" if helpful else "not_helpful"
            self._feedback.record(kind, str(value["id"]), None, self._clock())
            await turn_context.send_activity(cards.feedback_thanks(helpful))
        elif action == "delete_my_data":
            await self._delete_my_data(turn_context)
        else:
            await turn_context.send_activity(cards.unknown_item_text())

    async def _on_form(
        self, turn_context: TurnContext, dialog_id: str, value: dict[str, Any]
    ) -> None:
        """A submitted form continues its own dialog. Otherwise it is a form from earlier (or
        from before a restart): it completes at once, or, while something else is running,
        waits for the user's choice to continue that or throw it away - nothing is lost."""
        dialog = await self._dialogs.create_context(turn_context)
        active = dialog.active_dialog
        own_theme = active is None or active.state.get("theme") == value.get("theme")
        if active is not None and active.id == dialog_id and own_theme:
            await dialog.continue_dialog()
        else:
            await self._begin(turn_context, dialog_id, {**_start_options(value), "submitted": True})

    # --- dialogs ------------------------------------------------------------------------------

    async def _begin(
        self, turn_context: TurnContext, dialog_id: str, options: dict[str, Any]
    ) -> None:
        if (
            dialog_id == INTAKE_DIALOG
            and self.find_theme(str(options.get("theme")), exact=True) is None
        ):
            await turn_context.send_activity(cards.unknown_item_text())
            return
        dialog = await self._dialogs.create_context(turn_context)
        if dialog.active_dialog is not None:
            await self._offer_resume(turn_context, dialog, (dialog_id, options))
            return
        await dialog.begin_dialog(dialog_id, options)

    async def _offer_resume(
        self, turn_context: TurnContext, dialog: Any, requested: tuple[str, dict[str, Any]] | None
    ) -> None:
        """Something new while a dialog is unfinished: continue it, or throw it away."""
        memory = await self._memory(turn_context)
        memory["requested"] = list(requested) if requested else None
        active = dialog.active_dialog
        if active.id == INTAKE_DIALOG:
            theme, index = self._intake.progress(active.state)
            await send_card(turn_context, cards.intake_resume_card(theme, index, len(theme.items)))
        else:
            await send_card(turn_context, cards.registration_resume_card())

    async def _resume_or_discard(self, turn_context: TurnContext, resume: bool) -> None:
        dialog = await self._dialogs.create_context(turn_context)
        memory = await self._memory(turn_context)
        requested = memory.pop("requested", None)
        if dialog.active_dialog is None:
            await turn_context.send_activity(cards.nothing_to_resume_text())
        elif resume:
            if dialog.active_dialog.id == INTAKE_DIALOG:
                theme, index = self._intake.progress(dialog.active_dialog.state)
                reply = cards.intake_resumed_text(theme.title, index, len(theme.items))
                await turn_context.send_activity(reply)
            await dialog.reprompt_dialog()
            return
        else:
            await dialog.cancel_all_dialogs()
            await turn_context.send_activity(cards.intake_discarded_text())
        if requested:
            await self._begin(turn_context, requested[0], requested[1])

    # --- showing things -------------------------------------------------------------------

    async def _show(self, turn_context: TurnContext, entry_id: str) -> None:
        entry = self._entries.get(entry_id)
        if entry is None or entry.kind == "out_of_scope":
            await turn_context.send_activity(cards.unknown_item_text())
            return
        (await self._memory(turn_context))["options"] = []
        await send_card(turn_context, cards.answer_card(entry, self._content))

    async def _send_or_unknown(
        self, turn_context: TurnContext, card: dict[str, Any] | None
    ) -> None:
        if card:
            await send_card(turn_context, card)
        else:
            await turn_context.send_activity(cards.unknown_item_text())

    def find_theme(self, text: str, *, exact: bool = False) -> Theme | None:
        """A theme by key, or (typed) by the start of its title or one of its aliases."""
        typed = normalize(text)
        for theme in self._content.themes:
            if typed == theme.key:
                return theme
            names = [theme.title, *theme.aliases]
            if not exact and typed and any(normalize(name).startswith(typed) for name in names):
                return theme
        return None

    # --- privacy --------------------------------------------------------------------------

    async def _stored_lines(self, turn_context: TurnContext) -> list[str]:
        memory = await self._memory(turn_context)
        person = sender(turn_context)
        lines = []
        if memory.get("welcomed"):
            lines.append("Dat ik je in dit gesprek welkom heb geheten.")
        if memory.get("options"):
            lines.append("De vragen die ik je het laatst als keuze voorlegde.")
        dialog = await self._dialogs.create_context(turn_context)
        if dialog.active_dialog is not None:
            lines.append("De antwoorden van je onafgemaakte intake of registratie.")
        partnerships = self._partnerships.mine(person.id, include_archived=True)
        if partnerships:
            lines.append(
                f"Je naam en Teams-id bij {len(partnerships)} samenwerking(en) waarvan je "
                "accounthouder bent of die je registreerde."
            )
        if self._references.personal(person.id) is not None:
            lines.append("Hoe ik je in Teams kan bereiken, voor herinneringen aan evaluaties.")
        intakes = self._intakes.by_user(person.id)
        if intakes:
            lines.append(
                f"Dat jij {len(intakes)} intake(s) invulde "
                "(de antwoorden zelf horen bij de samenwerking)."
            )
        return lines

    async def _delete_my_data(self, turn_context: TurnContext) -> None:
        """Forget the person; partnerships they hold stay, as the organisation needs them."""
        person = sender(turn_context)
        states = [self._user_state]
        if turn_context.activity.conversation.conversation_type in (None, "personal"):
            states.append(self._conversation_state)
        for state in states:
            await state.load(turn_context)  # botbuilder deletes only what it has loaded
            await state.delete(turn_context)
        self._partnerships.forget_person(person.id)
        self._intakes.forget_user(person.id)
        self._references.forget_user(person.id)
        held = [p for p in self._partnerships.mine(person.id) if p.account_holder.id == person.id]
        await turn_context.send_activity(cards.data_deleted_text())
        if held:
            await turn_context.send_activity(
                cards.still_account_holder_text([p.name for p in held])
            )

    async def _memory(self, turn_context: TurnContext) -> dict[str, Any]:
        memory: dict[str, Any] = await self._conversation.get(turn_context, dict)
        return memory


def reference_key(activity: Activity) -> tuple[str, str, str | None]:
    """A personal chat is found by its user, a channel or group chat by its conversation."""
    kind = activity.conversation.conversation_type or "personal"
    if kind == "personal":
        account = activity.from_property
        user_id = str(account.aad_object_id or account.id)
        return f"user:{user_id}", kind, user_id
    return f"conversation:{activity.conversation.id}", kind, None


def _requested_start(
    parsed: ParsedCommand, bot: SamenwerkwijzerBot
) -> tuple[str, dict[str, Any]] | None:
    """What a command typed during an unfinished dialog wants to start, if anything."""
    if parsed.command is Command.NEW_PARTNERSHIP:
        return PARTNERSHIP_DIALOG, {"mode": "form"}
    if parsed.command is Command.INTAKE:
        theme = bot.find_theme(parsed.argument)
        return (INTAKE_DIALOG, {"theme": theme.key, "mode": "steps"}) if theme else None
    return None


def _start_options(value: dict[str, Any]) -> dict[str, Any]:
    options = {key: value[key] for key in ("theme", "mode", "partnership") if key in value}
    options["values"] = value
    return options


def strip_bot_mention(activity: Activity) -> str:
    """The message text without the bot's @mention (channels and group chats)."""
    text = activity.text or ""
    bot_id = activity.recipient.id if activity.recipient else None
    for entity in activity.entities or []:
        properties = getattr(entity, "additional_properties", None) or {}
        mentioned = properties.get("mentioned") or {}
        if (
            entity.type == "mention"
            and isinstance(mentioned, dict)
            and mentioned.get("id") == bot_id
        ):
            mention_text = properties.get("text")
            if isinstance(mention_text, str):
                text = text.replace(mention_text, " ")
    return " ".join(_LEADING_MENTION.sub(" ", text).split())


def _best_id(result: MatchResult) -> str | None:
    return result.matches[0].entry.id if result.matches else None
