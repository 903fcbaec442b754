from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import Settings, SettingsError


def test_defaults_run_locally_without_authentication(tmp_path: Path):
    settings = Settings.from_env({}, dotenv=tmp_path / "missing.env")
    assert (settings.port, settings.database_url, settings.auth_enabled) == (
        3978,
        "sqlite:///data/samenwerkwijzer.db",
        False,
    )
    assert settings.allowed_tenant_ids == frozenset()
    assert settings.store_question_text is False


def test_environment_overrides_dotenv(tmp_path: Path):
    dotenv = tmp_path / ".env"
    dotenv.write_text("# local\nPORT=4000\nALLOWED_TENANT_IDS= a , b,,\nLOG_LEVEL=debug\n")
    settings = Settings.from_env({"PORT": "5000"}, dotenv=dotenv)
    assert settings.port == 5000
    assert settings.allowed_tenant_ids == frozenset({"a", "b"})
    assert settings.logs_message_text is True


def test_app_id_enables_authentication_and_hides_the_password(tmp_path: Path):
    settings = Settings.from_env(
        {"MicrosoftAppId": "id", "MicrosoftAppPassword": "geheim", "MicrosoftAppTenantId": "t"},
        dotenv=tmp_path / "none",
    )
    assert settings.auth_enabled is True
    assert "geheim" not in repr(settings)


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"PORT": "abc"}, "PORT must be a whole number, not 'abc'"),
        ({"PORT": "70000"}, "PORT must be between 1 and 65535, not 70000"),
        ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR"),
        ({"MicrosoftAppId": "id"}, "MicrosoftAppPassword is required when MicrosoftAppId is set"),
        (
            {"MicrosoftAppId": "i", "MicrosoftAppPassword": "p"},  # single-tenant by default
            "MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant",
        ),
        ({"MicrosoftAppPassword": "x"}, "MicrosoftAppId is required"),
        (
            {
                "MicrosoftAppId": "i",
                "MicrosoftAppPassword": "p",
                "MicrosoftAppType": "SingleTenant",
            },
            "MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant",
        ),
        (
            {"FEEDBACK_STORE_QUESTIONS": "misschien"},
            "FEEDBACK_STORE_QUESTIONS must be true or false",
        ),
        ({"CONTENT_DIR": "/nowhere"}, "CONTENT_DIR /nowhere is not a folder"),
    ],
)
def test_bad_settings_are_refused_with_a_clear_message(tmp_path: Path, environ, message):
    with pytest.raises(SettingsError) as caught:
        Settings.from_env(environ, dotenv=tmp_path / "none")
    assert str(caught.value).startswith(message)


def test_broken_dotenv_line_names_file_and_line(tmp_path: Path):
    dotenv = tmp_path / ".env"
    dotenv.write_text("PORT=1\nthis is not a setting\n")
    with pytest.raises(SettingsError) as caught:
        Settings.from_env({}, dotenv=dotenv)
    assert str(caught.value) == f"{dotenv}:2: expected KEY=value"


def test_reminder_digest_and_calendar_settings(tmp_path: Path):
    settings = Settings.from_env(
        {
            "REMINDER_LEAD_DAYS": "7, 0, 30, 7",
            "REMINDER_HOUR": "8",
            "TIMEZONE": "Europe/Brussels",
            "DIGEST_CONVERSATION_ID": "19:kanaal@thread.tacv2",
            "DIGEST_WEEKDAY": "4",
            "BOT_DOMAIN": "bot.gemeente.nl",
            "SCHEDULER_INTERVAL_SECONDS": "0",
        },
        dotenv=tmp_path / "none",
    )
    policy = settings.reminder_policy
    assert (policy.lead_days, policy.hour, policy.timezone) == ((30, 7, 0), 8, "Europe/Brussels")
    assert settings.digest_policy is not None
    assert (settings.digest_policy.conversation_id, settings.digest_policy.weekday) == (
        "19:kanaal@thread.tacv2",
        4,
    )
    assert settings.public_url == "https://bot.gemeente.nl"
    assert settings.scheduler_interval_seconds == 0


def test_defaults_remind_30_7_and_0_days_ahead_at_nine_in_amsterdam(tmp_path: Path):
    settings = Settings.from_env({}, dotenv=tmp_path / "none")
    assert settings.reminder_policy.lead_days == (30, 7, 0)
    assert (settings.digest_policy, settings.scheduler_interval_seconds) == (None, 60)


def test_unknown_time_zone_is_refused(tmp_path: Path):
    with pytest.raises(SettingsError) as caught:
        Settings.from_env({"TIMEZONE": "Europe/Tilburg"}, dotenv=tmp_path / "none")
    assert str(caught.value) == "TIMEZONE 'Europe/Tilburg' is not a known time zone"


def test_ticket_settings_default_to_three_working_days_and_a_year(tmp_path: Path):
    defaults = Settings.from_env({}, dotenv=tmp_path / "none")
    assert (defaults.ticket_reminder_working_days, defaults.ticket_retention_days) == (3, 365)
    chosen = Settings.from_env(
        {"TICKET_REMINDER_WORKING_DAYS": "5", "TICKET_RETENTION_DAYS": "90"},
        dotenv=tmp_path / "none",
    )
    assert (chosen.ticket_reminder_working_days, chosen.ticket_retention_days) == (5, 90)
    with pytest.raises(SettingsError, match="TICKET_RETENTION_DAYS"):
        Settings.from_env({"TICKET_RETENTION_DAYS": "0"}, dotenv=tmp_path / "none")


def test_dotenv_is_read_as_shells_write_it(tmp_path: Path):
    dotenv = tmp_path / ".env"
    dotenv.write_text(
        'export HOST=0.0.0.0\nBOT_DOMAIN="bot.gemeente.nl"  # the public name\n'
        "CALENDAR_SECRET='a#b c'\nADMIN_USER_IDS=aad-1,aad-2\n"
    )
    settings = Settings.from_env({}, dotenv=dotenv)
    assert (settings.host, settings.bot_domain, settings.calendar_secret) == (
        "0.0.0.0",
        "bot.gemeente.nl",
        "a#b c",
    )
    assert settings.administrators == frozenset({"aad-1", "aad-2"})


def test_the_bot_listens_on_this_machine_only_unless_host_says_otherwise(tmp_path: Path):
    assert Settings.from_env({}, dotenv=tmp_path / "none").host == "127.0.0.1"
    assert Settings.from_env({"HOST": " ::1 "}, dotenv=tmp_path / "none").host == "::1"


def test_a_bad_value_in_dotenv_is_named_like_one_in_the_environment(tmp_path: Path):
    dotenv = tmp_path / ".env"
    dotenv.write_text("REMINDER_LEAD_DAYS=30,zeven\n")
    with pytest.raises(SettingsError) as caught:
        Settings.from_env({}, dotenv=dotenv)
    assert str(caught.value) == "REMINDER_LEAD_DAYS must be a whole number, not 'zeven'"
