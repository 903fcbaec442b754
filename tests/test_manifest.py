from __future__ import annotations

import copy
import json
import shutil
import struct
import zipfile
import zlib
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest

from bot.cli.main import main as cli_main
from bot.cli.manifest import (
    DEVELOPER_SETTINGS,
    MANIFEST_DIR,
    ManifestError,
    build_package,
    check_icons,
    fill,
    load_schema,
    load_template,
    read_png,
    rgba_pixels,
    validate,
    write_png,
)
from bot.conversation.commands import Command, parse_command
from bot.conversation.search import COMMAND_ID, QUERY_PARAMETER
from bot.settings import Settings

APP_ID = "8d6e2f4a-1b3c-4d5e-9f60-718293a4b5c6"
DOMAIN = "samenwerkwijzer.example.nl"
DEVELOPER = {
    "DEVELOPER_NAME": "Gemeente Voorbeeld",
    "DEVELOPER_WEBSITE_URL": "https://www.example.nl",
    "DEVELOPER_PRIVACY_URL": "https://www.example.nl/privacy",
    "DEVELOPER_TERMS_URL": "https://www.example.nl/disclaimer",
}
VALUES = {**DEVELOPER, "MicrosoftAppId": APP_ID, "BOT_DOMAIN": DOMAIN, "APP_VERSION": "1.2.3"}
BOT_SCOPES = {"personal", "team", "groupChat"}


def settings(**changes: str) -> Settings:
    values = {"app_id": APP_ID, "app_password": "secret", "bot_domain": DOMAIN, **changes}
    return Settings(**values)  # type: ignore[arg-type]


def filled() -> dict[str, Any]:
    manifest: dict[str, Any] = fill(load_template(), VALUES)
    return manifest


def png(width: int, height: int, pixel: tuple[int, ...]) -> bytes:
    row = bytes(pixel) * width
    return write_png(width, height, [row] * height, alpha=len(pixel) == 4)


def outline_icon(size: int = 32) -> bytes:
    """White square on a transparent background."""
    rows = [
        b"".join(
            bytes((255, 255, 255, 255 if 8 <= x < 24 and 8 <= y < 24 else 0)) for x in range(size)
        )
        for y in range(size)
    ]
    return write_png(size, size, rows, alpha=True)


@pytest.fixture
def manifest_root(tmp_path: Path) -> Path:
    """A writable copy of manifest/, for tests that break it."""
    root = tmp_path / "manifest"
    shutil.copytree(MANIFEST_DIR, root)
    return root


# --- building -------------------------------------------------------------------------------


def test_build_writes_a_zip_with_exactly_the_manifest_and_both_icons_at_its_root(tmp_path):
    out = tmp_path / "appPackage.zip"

    build_package(settings(), out, {**DEVELOPER, "APP_VERSION": "1.2.3"})

    with zipfile.ZipFile(out) as package:
        assert sorted(package.namelist()) == ["color.png", "manifest.json", "outline.png"]
        manifest = json.loads(package.read("manifest.json"))
        assert package.read("color.png") == (MANIFEST_DIR / "color.png").read_bytes()
        assert package.read("outline.png") == (MANIFEST_DIR / "outline.png").read_bytes()
    assert manifest["id"] == APP_ID
    assert manifest["bots"][0]["botId"] == APP_ID
    assert manifest["composeExtensions"][0]["botId"] == APP_ID
    assert manifest["validDomains"] == [DOMAIN]
    assert manifest["version"] == "1.2.3"
    assert manifest["developer"] == {
        "name": "Gemeente Voorbeeld",
        "websiteUrl": "https://www.example.nl",
        "privacyUrl": "https://www.example.nl/privacy",
        "termsOfUseUrl": "https://www.example.nl/disclaimer",
    }
    assert "{{" not in json.dumps(manifest)


def test_build_takes_the_app_version_from_the_package_by_default(tmp_path):
    manifest = build_package(settings(), tmp_path / "app.zip", DEVELOPER)

    assert manifest["version"] == metadata.version("samenwerkwijzer")


def test_build_without_app_id_fails_naming_the_setting_and_writes_nothing(tmp_path):
    out = tmp_path / "appPackage.zip"

    with pytest.raises(ManifestError, match="MicrosoftAppId is not set"):
        build_package(settings(app_id="", app_password=""), out, DEVELOPER)

    assert not out.exists()


def test_build_refuses_an_app_id_that_is_no_guid(tmp_path):
    with pytest.raises(ManifestError, match="MicrosoftAppId must be a GUID, not 'my-bot'"):
        build_package(settings(app_id="my-bot"), tmp_path / "app.zip", DEVELOPER)


def test_build_without_bot_domain_fails_naming_the_setting(tmp_path):
    with pytest.raises(ManifestError, match="BOT_DOMAIN is not set"):
        build_package(settings(bot_domain=""), tmp_path / "app.zip", DEVELOPER)


@pytest.mark.parametrize(
    "domain", ["https://bot.example.nl", "bot.example.nl/api/messages", "localhost", "bot .nl"]
)
def test_build_refuses_a_bot_domain_that_is_no_host_name(tmp_path, domain):
    with pytest.raises(ManifestError, match="BOT_DOMAIN must be a host name"):
        build_package(settings(bot_domain=domain), tmp_path / "app.zip", DEVELOPER)


def test_build_without_developer_details_names_each_missing_one(tmp_path):
    with pytest.raises(ManifestError) as error:
        build_package(settings(), tmp_path / "app.zip", {"DEVELOPER_NAME": "Gemeente"})

    assert "DEVELOPER_WEBSITE_URL, DEVELOPER_PRIVACY_URL, DEVELOPER_TERMS_URL not set" in str(
        error.value
    )


def test_build_refuses_a_developer_url_that_is_not_a_web_address(tmp_path):
    environ = {**DEVELOPER, "DEVELOPER_PRIVACY_URL": "intranet/privacy"}

    with pytest.raises(ManifestError, match=r"developer\.privacyUrl: 'intranet/privacy' does"):
        build_package(settings(), tmp_path / "app.zip", environ)


def test_build_refuses_a_wrongly_sized_colour_icon(tmp_path, manifest_root):
    (manifest_root / "color.png").write_bytes(png(96, 96, (27, 94, 122)))
    out = tmp_path / "app.zip"

    with pytest.raises(ManifestError, match="color.png must be 192x192 pixels, not 96x96"):
        build_package(settings(), out, DEVELOPER, manifest_root)

    assert not out.exists()


# --- the command line -----------------------------------------------------------------------


@pytest.fixture
def build_env(monkeypatch, tmp_path):
    """A clean environment and a working folder without .env."""
    monkeypatch.chdir(tmp_path)
    for name in ("MicrosoftAppId", "MicrosoftAppPassword", "MicrosoftAppType", "BOT_DOMAIN"):
        monkeypatch.delenv(name, raising=False)
    for name, value in DEVELOPER.items():
        monkeypatch.setenv(name, value)
    return monkeypatch


def test_cli_manifest_build_writes_the_package(build_env, tmp_path, capsys):
    build_env.setenv("MicrosoftAppId", APP_ID)
    build_env.setenv("MicrosoftAppPassword", "secret")
    build_env.setenv("BOT_DOMAIN", DOMAIN)

    status = cli_main(["manifest", "build", "--out", str(tmp_path / "out" / "appPackage.zip")])

    assert status == 0
    assert f"app id {APP_ID}, domain {DOMAIN}" in capsys.readouterr().out
    with zipfile.ZipFile(tmp_path / "out" / "appPackage.zip") as package:
        assert json.loads(package.read("manifest.json"))["id"] == APP_ID


def test_cli_manifest_build_without_app_id_exits_1_with_the_reason(build_env, tmp_path, capsys):
    build_env.setenv("BOT_DOMAIN", DOMAIN)

    status = cli_main(["manifest", "build", "--out", str(tmp_path / "appPackage.zip")])

    assert status == 1
    assert "error: MicrosoftAppId is not set" in capsys.readouterr().err
    assert not (tmp_path / "appPackage.zip").exists()


def test_cli_manifest_build_needs_no_app_password(build_env, tmp_path):
    build_env.setenv("MicrosoftAppId", APP_ID)
    build_env.setenv("BOT_DOMAIN", DOMAIN)
    build_env.setenv("MicrosoftAppType", "SingleTenant")  # no tenant id either: not packaged

    assert cli_main(["manifest", "build", "--out", str(tmp_path / "appPackage.zip")]) == 0
    with zipfile.ZipFile(tmp_path / "appPackage.zip") as package:
        assert "secret" not in package.read("manifest.json").decode()


def test_cli_manifest_build_lists_every_missing_setting_at_once(build_env, tmp_path, capsys):
    for name in DEVELOPER:
        build_env.delenv(name)

    assert cli_main(["manifest", "build", "--out", str(tmp_path / "appPackage.zip")]) == 1
    error = capsys.readouterr().err
    assert error.startswith("error: MicrosoftAppId is not set")
    for name in ("BOT_DOMAIN", *DEVELOPER):
        assert name in error
    assert error.count("\n") == 1  # one line


def test_cli_manifest_build_reads_dotenv(build_env, tmp_path):
    (tmp_path / ".env").write_text(
        f"MicrosoftAppId={APP_ID}\nMicrosoftAppPassword=secret\nBOT_DOMAIN={DOMAIN}\n"
    )

    assert cli_main(["manifest", "build"]) == 0
    assert (tmp_path / "appPackage.zip").is_file()


# --- validation -----------------------------------------------------------------------------


def test_the_filled_template_matches_the_teams_schema():
    validate(filled(), load_schema())


def test_the_template_has_no_placeholder_beyond_the_documented_ones():
    with pytest.raises(ManifestError) as error:
        fill(load_template(), {})

    names = str(error.value).split("placeholder(s) ")[1].split(" in the")[0].split(", ")
    assert sorted(names) == sorted(
        ["APP_VERSION", "BOT_DOMAIN", "MicrosoftAppId", *DEVELOPER_SETTINGS]
    )


def test_a_too_long_short_description_fails_validation_naming_the_field():
    manifest = filled()
    manifest["description"]["short"] = "x" * 81

    with pytest.raises(ManifestError, match=r"description\.short: 'x+' is too long"):
        validate(manifest)


def test_validation_names_list_positions_in_the_path():
    manifest = filled()
    manifest["bots"][0]["commandLists"][1]["commands"][0]["title"] = "t" * 129

    with pytest.raises(ManifestError, match=r"bots\[0\]\.commandLists\[1\]\.commands\[0\]\.title"):
        validate(manifest)


def test_validation_checks_the_manifest_version_the_schema_pins():
    manifest = filled()
    manifest["manifestVersion"] = "1.16"

    with pytest.raises(ManifestError, match="manifestVersion: '1.16' is not '1.22'"):
        validate(manifest)


def test_validation_refuses_a_bot_id_other_than_the_app_id():
    manifest = filled()
    manifest["bots"][0]["botId"] = "00000000-0000-0000-0000-000000000000"

    with pytest.raises(ManifestError, match="bots: botId must be the app id"):
        validate(manifest)


def test_the_template_and_the_vendored_schema_are_the_same_version():
    template = load_template()
    schema = load_schema()

    assert template["manifestVersion"] == schema["properties"]["manifestVersion"]["const"]
    assert template["$schema"].endswith(
        f"/v{template['manifestVersion']}/MicrosoftTeams.schema.json"
    )


# --- content of the manifest ----------------------------------------------------------------


def test_the_manifest_describes_the_app_in_dutch_within_the_limits():
    manifest = filled()

    assert manifest["name"]["short"] == "Samenwerkwijzer"
    assert manifest["localizationInfo"]["defaultLanguageTag"] == "nl-nl"
    assert len(manifest["description"]["short"]) <= 80
    assert 200 < len(manifest["description"]["full"]) <= 4000
    assert "samenwerking" in manifest["description"]["full"]
    assert "webApplicationInfo" not in manifest


def test_the_bot_is_in_personal_team_and_group_chat_without_files():
    bot = filled()["bots"][0]

    assert set(bot["scopes"]) == BOT_SCOPES
    assert bot["supportsFiles"] is False


def test_every_scope_has_its_own_command_menu_of_at_most_10():
    lists = filled()["bots"][0]["commandLists"]

    scopes = [scope for command_list in lists for scope in command_list["scopes"]]
    assert sorted(scopes) == sorted(BOT_SCOPES)
    for command_list in lists:
        assert 1 <= len(command_list["commands"]) <= 10


def test_every_menu_command_is_one_the_bot_understands():
    for command_list in filled()["bots"][0]["commandLists"]:
        parsed = {item["title"]: parse_command(item["title"]) for item in command_list["commands"]}

        assert None not in parsed.values(), parsed
        assert {p.command for p in parsed.values() if p} == {
            Command.HELP,
            Command.THEMES,
            Command.INTAKE,
            Command.NEW_PARTNERSHIP,
            Command.MY_PARTNERSHIPS,
            Command.EXPERTS,
            Command.APPRAISAL,
            Command.PHASE,
            Command.ASK_EXPERT,
            Command.PRIVACY,
        }
        for item in command_list["commands"]:
            assert item["description"].strip()


def test_the_compose_box_search_matches_what_the_bot_answers():
    (extension,) = filled()["composeExtensions"]
    (command,) = extension["commands"]

    assert command["id"] == COMMAND_ID == "searchGuide"
    assert command["type"] == "query"
    assert command["title"] == "Zoek in de wegwijzer"
    assert command["initialRun"] is True
    assert [parameter["name"] for parameter in command["parameters"]] == [QUERY_PARAMETER]
    assert command["parameters"][0]["description"]


# --- icons ----------------------------------------------------------------------------------


def test_the_shipped_icons_have_the_sizes_teams_wants():
    color = (MANIFEST_DIR / "color.png").read_bytes()
    outline = (MANIFEST_DIR / "outline.png").read_bytes()

    check_icons(color, outline)
    assert (read_png(color).width, read_png(color).height) == (192, 192)
    pixels = [p for row in rgba_pixels(read_png(outline)) for p in row]
    assert {p[3] for p in pixels} >= {0, 255}
    assert all(p[:3] == (255, 255, 255) for p in pixels if p[3])


def test_a_wrongly_sized_outline_icon_fails():
    color = (MANIFEST_DIR / "color.png").read_bytes()

    with pytest.raises(ManifestError, match="outline.png must be 32x32 pixels, not 48x48"):
        check_icons(color, outline_icon(48))


def test_an_outline_icon_without_transparency_fails():
    color = (MANIFEST_DIR / "color.png").read_bytes()

    with pytest.raises(ManifestError, match="outline.png must have a transparent background"):
        check_icons(color, png(32, 32, (255, 255, 255)))
    with pytest.raises(ManifestError, match="outline.png must have a transparent background"):
        check_icons(color, png(32, 32, (255, 255, 255, 255)))


def test_a_coloured_outline_icon_fails():
    color = (MANIFEST_DIR / "color.png").read_bytes()
    rows = [bytes((27, 94, 122, 255 if y < 16 else 0)) * 32 for y in range(32)]

    with pytest.raises(ManifestError, match="outline.png must be white on transparent"):
        check_icons(color, write_png(32, 32, rows, alpha=True))


def test_a_file_that_is_no_png_fails():
    with pytest.raises(ManifestError, match="color.png is not a PNG file"):
        check_icons(b"GIF89a", outline_icon())


def test_the_png_reader_undoes_every_row_filter():
    """Icons saved by other tools use the Sub, Up, Average and Paeth filters."""
    width, bpp = 3, 4
    plain = [
        bytes((10 * x + y, 20 * y, 200 - x, 255 * (x % 2))) for y in range(5) for x in range(3)
    ]
    rows = [b"".join(plain[y * width : (y + 1) * width]) for y in range(5)]
    encoded = b""
    previous = bytes(width * bpp)
    for kind, row in enumerate(rows):
        out = bytearray()
        for i, value in enumerate(row):
            left = row[i - bpp] if i >= bpp else 0
            up, upper_left = previous[i], previous[i - bpp] if i >= bpp else 0
            predictor = [0, left, up, (left + up) // 2, _paeth(left, up, upper_left)][kind]
            out.append((value - predictor) & 0xFF)
        encoded += bytes([kind]) + out
        previous = row
    header = struct.pack(">IIBBBBB", width, 5, 8, 6, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(encoded))

    pixels = rgba_pixels(read_png(data + _chunk(b"IEND", b"")))

    assert [bytes(b for p in row for b in p) for row in pixels] == rows


def _chunk(kind: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(kind + body) & 0xFFFFFFFF
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def test_fill_does_not_change_the_template():
    template = load_template()
    before = copy.deepcopy(template)

    fill(template, VALUES)

    assert template == before
