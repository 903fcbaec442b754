"""The Teams app package: fill in the manifest template, validate it, check the icons, zip it.

`python -m bot manifest build --out appPackage.zip` writes the zip an administrator uploads
to Teams. The template (`manifest/manifest.template.json`) holds `{{NAME}}` placeholders:

- `{{MicrosoftAppId}}` (app id, bot id) and `{{BOT_DOMAIN}}` come from the settings;
- `{{DEVELOPER_NAME}}`, `{{DEVELOPER_WEBSITE_URL}}`, `{{DEVELOPER_PRIVACY_URL}}` and
  `{{DEVELOPER_TERMS_URL}}` from the environment (or `.env`): the organisation's own details;
- `{{APP_VERSION}}` from `APP_VERSION`, by default the version of this package.

The result is validated against the Teams JSON schema vendored in `manifest/schema/`.
"""

from __future__ import annotations

import json
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import jsonschema

from bot.settings import Settings

MANIFEST_DIR = Path(__file__).resolve().parents[2] / "manifest"
TEMPLATE = "manifest.template.json"
SCHEMA = Path("schema") / "MicrosoftTeams.schema.json"
COLOR_ICON = "color.png"
OUTLINE_ICON = "outline.png"
COLOR_SIZE = (192, 192)
OUTLINE_SIZE = (32, 32)
DEVELOPER_SETTINGS = (
    "DEVELOPER_NAME",
    "DEVELOPER_WEBSITE_URL",
    "DEVELOPER_PRIVACY_URL",
    "DEVELOPER_TERMS_URL",
)
MAX_REPORTED_ERRORS = 10

_PLACEHOLDER = re.compile(r"\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}")
_GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
_DOMAIN = re.compile(r"^(\*\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so the same input gives the same zip


class ManifestError(ValueError):
    """Why the app package cannot be built; the message names the setting or field."""


# --- values ---------------------------------------------------------------------------------


def package_settings(environ: Mapping[str, str]) -> Settings:
    """Only what goes into the package: the app id and the domain. The bot's other settings
    (the app password above all, which the package never contains) are not needed here."""
    return Settings(
        app_id=environ.get("MicrosoftAppId", "").strip(),
        bot_domain=environ.get("BOT_DOMAIN", "").strip(),
    )


def manifest_values(settings: Settings, environ: Mapping[str, str]) -> dict[str, str]:
    """The placeholder values, or ManifestError naming every one that is missing or wrong."""
    problems = []
    app_id = settings.app_id.strip()
    if not app_id:
        problems.append("MicrosoftAppId is not set: the app id of the Azure Bot registration")
    elif not _GUID.match(app_id):
        problems.append(f"MicrosoftAppId must be a GUID, not {app_id!r}")
    domain = settings.bot_domain.strip().lower()
    if not domain:
        problems.append("BOT_DOMAIN is not set: the host name of the bot, e.g. bot.example.nl")
    elif not _DOMAIN.match(domain):
        problems.append(
            f"BOT_DOMAIN must be a host name without https:// or a path, not {domain!r}"
        )
    missing = [name for name in DEVELOPER_SETTINGS if not environ.get(name, "").strip()]
    if missing:
        problems.append(
            f"{', '.join(missing)} not set: the organisation's name and web pages "
            "(see manifest/README.md)"
        )
    if problems:
        raise ManifestError("; ".join(problems))
    values = {name: environ[name].strip() for name in DEVELOPER_SETTINGS}
    values.update(
        MicrosoftAppId=app_id,
        BOT_DOMAIN=domain,
        APP_VERSION=environ.get("APP_VERSION", "").strip() or metadata.version("samenwerkwijzer"),
    )
    return values


# --- the manifest -----------------------------------------------------------------------------


def load_template(root: Path = MANIFEST_DIR) -> dict[str, Any]:
    template: dict[str, Any] = json.loads((root / TEMPLATE).read_text(encoding="utf-8"))
    return template


def load_schema(root: Path = MANIFEST_DIR) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((root / SCHEMA).read_text(encoding="utf-8"))
    return schema


def fill(template: Any, values: Mapping[str, str]) -> Any:
    """The template with every `{{NAME}}` in its strings replaced; a name without a value is
    a ManifestError."""
    unknown = sorted({name for text in _strings(template) for name in _PLACEHOLDER.findall(text)})
    unknown = [name for name in unknown if name not in values]
    if unknown:
        raise ManifestError(f"no value for placeholder(s) {', '.join(unknown)} in the template")
    return _replace(template, values)


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(key)
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _replace(node: Any, values: Mapping[str, str]) -> Any:
    if isinstance(node, str):
        return _PLACEHOLDER.sub(lambda found: values[found.group(1)], node)
    if isinstance(node, dict):
        return {_replace(key, values): _replace(value, values) for key, value in node.items()}
    if isinstance(node, list):
        return [_replace(value, values) for value in node]
    return node


def validate(manifest: Mapping[str, Any], schema: Mapping[str, Any] | None = None) -> None:
    """ManifestError listing each place where the manifest breaks the Teams schema."""
    schema = schema if schema is not None else load_schema()
    validator = jsonschema.Draft4Validator(schema)
    errors = sorted(
        validator.iter_errors(manifest),
        key=lambda error: [str(part) for part in error.absolute_path],
    )
    lines = [
        f"{_path(error.absolute_path)}: {_short(error.message)}"
        for error in errors[:MAX_REPORTED_ERRORS]
    ]
    # The schema says draft-04 but pins manifestVersion with `const` (draft-06), which a
    # draft-04 validator skips: check it here.
    version = schema.get("properties", {}).get("manifestVersion", {}).get("const")
    if version is not None and manifest.get("manifestVersion") != version:
        lines.insert(0, f"manifestVersion: {manifest.get('manifestVersion')!r} is not {version!r}")
    if lines:
        if len(errors) > MAX_REPORTED_ERRORS:
            lines.append(f"… and {len(errors) - MAX_REPORTED_ERRORS} more")
        raise ManifestError("manifest.json does not match the Teams schema:\n" + "\n".join(lines))
    _check_consistency(manifest)


def _check_consistency(manifest: Mapping[str, Any]) -> None:
    """What the schema cannot say: the bot and the search belong to this app."""
    app_id = manifest.get("id")
    for where, ids in (
        ("bots", [bot.get("botId") for bot in manifest.get("bots", [])]),
        ("composeExtensions", [ext.get("botId") for ext in manifest.get("composeExtensions", [])]),
    ):
        if any(bot_id != app_id for bot_id in ids):
            raise ManifestError(f"{where}: botId must be the app id {app_id!r}")


def _path(path: Sequence[str | int] | Any) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def _short(message: str, limit: int = 200) -> str:
    return message if len(message) <= limit else message[: limit - 1] + "…"


# --- icons ----------------------------------------------------------------------------------

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class PngImage:
    width: int
    height: int
    color_type: int  # 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA
    bit_depth: int
    interlaced: bool
    chunks: tuple[tuple[bytes, bytes], ...]

    @property
    def has_alpha(self) -> bool:
        return self.color_type in (4, 6) or any(kind == b"tRNS" for kind, _ in self.chunks)


def read_png(data: bytes, name: str = "icon") -> PngImage:
    if not data.startswith(_PNG_SIGNATURE):
        raise ManifestError(f"{name} is not a PNG file")
    chunks = []
    offset = len(_PNG_SIGNATURE)
    while offset + 8 <= len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        if len(body) != length:
            raise ManifestError(f"{name} is a damaged PNG file")
        chunks.append((kind, body))
        offset += 12 + length
        if kind == b"IEND":
            break
    if not chunks or chunks[0][0] != b"IHDR" or len(chunks[0][1]) != 13:
        raise ManifestError(f"{name} is a damaged PNG file")
    width, height, depth, color_type, _, _, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    return PngImage(width, height, color_type, depth, interlace == 1, tuple(chunks))


def rgba_pixels(image: PngImage, name: str = "icon") -> list[list[tuple[int, int, int, int]]]:
    """Decoded pixels of an 8-bit, non-interlaced PNG (grey + alpha, RGBA or palette)."""
    channels = {4: 2, 6: 4, 3: 1}.get(image.color_type)
    if channels is None or image.bit_depth != 8 or image.interlaced:
        raise ManifestError(
            f"{name}: save it as an 8-bit, non-interlaced PNG with transparency (RGBA)"
        )
    raw = zlib.decompress(b"".join(body for kind, body in image.chunks if kind == b"IDAT"))
    stride = image.width * channels
    rows: list[bytearray] = []
    previous = bytearray(stride)
    for y in range(image.height):
        start = y * (stride + 1)
        row = _unfilter(
            raw[start], bytearray(raw[start + 1 : start + 1 + stride]), previous, channels
        )
        rows.append(row)
        previous = row
    palette = next((body for kind, body in image.chunks if kind == b"PLTE"), b"")
    alphas = next((body for kind, body in image.chunks if kind == b"tRNS"), b"")
    pixels = []
    for row in rows:
        if image.color_type == 6:
            line = [tuple(row[x : x + 4]) for x in range(0, stride, 4)]
        elif image.color_type == 4:
            line = [(row[x], row[x], row[x], row[x + 1]) for x in range(0, stride, 2)]
        else:
            line = [
                (*palette[i * 3 : i * 3 + 3], alphas[i] if i < len(alphas) else 255) for i in row
            ]
        pixels.append([(p[0], p[1], p[2], p[3]) for p in line])
    return pixels


def _unfilter(kind: int, row: bytearray, previous: bytearray, bpp: int) -> bytearray:
    for i in range(len(row)):
        left = row[i - bpp] if i >= bpp else 0
        up = previous[i]
        upper_left = previous[i - bpp] if i >= bpp else 0
        if kind == 1:
            row[i] = (row[i] + left) & 0xFF
        elif kind == 2:
            row[i] = (row[i] + up) & 0xFF
        elif kind == 3:
            row[i] = (row[i] + (left + up) // 2) & 0xFF
        elif kind == 4:
            row[i] = (row[i] + _paeth(left, up, upper_left)) & 0xFF
        elif kind != 0:
            raise ManifestError(f"unknown PNG filter type {kind}")
    return row


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def write_png(width: int, height: int, rows: Sequence[bytes], *, alpha: bool) -> bytes:
    """A PNG from raw 8-bit rows (RGB, or RGBA with `alpha`): used to draw the icons."""
    channels = 4 if alpha else 3
    if len(rows) != height or any(len(row) != width * channels for row in rows):
        raise ValueError("rows do not match the size")

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 6 if alpha else 2, 0, 0, 0)
    data = zlib.compress(b"".join(b"\x00" + bytes(row) for row in rows), 9)
    return _PNG_SIGNATURE + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def check_icons(color: bytes, outline: bytes) -> None:
    """Teams' rules: a colour icon of 192x192 and a white-on-transparent outline of 32x32."""
    color_image = read_png(color, COLOR_ICON)
    if (color_image.width, color_image.height) != COLOR_SIZE:
        raise ManifestError(
            f"{COLOR_ICON} must be {COLOR_SIZE[0]}x{COLOR_SIZE[1]} pixels, "
            f"not {color_image.width}x{color_image.height}"
        )
    outline_image = read_png(outline, OUTLINE_ICON)
    if (outline_image.width, outline_image.height) != OUTLINE_SIZE:
        raise ManifestError(
            f"{OUTLINE_ICON} must be {OUTLINE_SIZE[0]}x{OUTLINE_SIZE[1]} pixels, "
            f"not {outline_image.width}x{outline_image.height}"
        )
    if not outline_image.has_alpha:
        raise ManifestError(f"{OUTLINE_ICON} must have a transparent background")
    pixels = [pixel for row in rgba_pixels(outline_image, OUTLINE_ICON) for pixel in row]
    if not any(a == 0 for _, _, _, a in pixels):
        raise ManifestError(f"{OUTLINE_ICON} must have a transparent background")
    if any(a >= 128 and min(r, g, b) < 230 for r, g, b, a in pixels):
        raise ManifestError(f"{OUTLINE_ICON} must be white on transparent")


# --- the package ----------------------------------------------------------------------------


def build_manifest(
    settings: Settings, environ: Mapping[str, str], root: Path = MANIFEST_DIR
) -> dict[str, Any]:
    """The filled-in, validated manifest."""
    manifest: dict[str, Any] = fill(load_template(root), manifest_values(settings, environ))
    validate(manifest, load_schema(root))
    return manifest


def build_package(
    settings: Settings, out: Path, environ: Mapping[str, str], root: Path = MANIFEST_DIR
) -> dict[str, Any]:
    """Write the app package (manifest.json, color.png, outline.png) to `out`; return the
    manifest. Nothing is written when something is wrong (ManifestError)."""
    manifest = build_manifest(settings, environ, root)
    color = (root / COLOR_ICON).read_bytes()
    outline = (root / OUTLINE_ICON).read_bytes()
    check_icons(color, outline)
    files = {
        "manifest.json": (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode(),
        COLOR_ICON: color,
        OUTLINE_ICON: outline,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as package:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            package.writestr(info, data)
    return manifest
