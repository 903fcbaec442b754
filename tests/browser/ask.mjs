// Drives the Microsoft 365 Agents Playground's web page in headless Debian Chromium:
// waits for the bot's welcome card, asks one question and checks the answer card, then clicks
// takes further steps one after another and checks each reply: --step "click:Button title=>text
// the reply shows" clicks the last button with that title, --step "say:message=>text" types.
// Started by test_playground.py, which runs the bot and the Playground; run it by hand with
//   node ask.mjs --url http://127.0.0.1:56150 --question "..." --expect "..." --expect "..."
// Exits 0 when every --expect text is in one rendered card, 1 with a message otherwise.
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";

const { values: options } = parseArgs({
  options: {
    url: { type: "string" },
    question: { type: "string" },
    expect: { type: "string", multiple: true, default: [] },
    step: { type: "string", multiple: true, default: [] },
    welcome: { type: "string", default: "Welkom bij Samenwerkwijzer" },
    screenshot: { type: "string" },
    chromium: { type: "string", default: "/usr/bin/chromium" },
    timeout: { type: "string", default: "20000" }, // milliseconds per step
  },
});
for (const required of ["url", "question", "screenshot"]) {
  if (!options[required]) fail(`--${required} is required`);
}
const stepTimeout = Number(options.timeout);

// Only loopback: every other host name fails to resolve, so the page's outside requests
// (Segoe UI fonts, an animation script from Microsoft's CDN) fail and it renders without them.
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
];
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

function fail(message) {
  console.error(`browser check failed: ${message}`);
  process.exit(1);
}

function log(message) {
  console.log(`[ask.mjs ${(performance.now() / 1000).toFixed(1)}s] ${message}`);
}

async function step(description, action) {
  try {
    return await action();
  } catch (error) {
    throw new Error(`${description}: ${error.message.split("\n")[0]}`);
  }
}

const browser = await chromium
  .launch({ executablePath: options.chromium, headless: true, args: CHROMIUM_ARGS })
  .catch((error) => fail(`cannot start ${options.chromium}: ${error.message}`));
const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
const outside = new Set();
page.on("request", (request) => {
  const url = new URL(request.url());
  if (url.protocol.startsWith("http") && !LOOPBACK.has(url.hostname)) outside.add(url.host);
});

let status = 0;
try {
  await step(`opening ${options.url}`, () =>
    page.goto(options.url, { waitUntil: "domcontentloaded", timeout: stepTimeout }),
  );
  await step(`waiting for the welcome card ("${options.welcome}")`, () =>
    page.getByText(options.welcome).first().waitFor({ state: "visible", timeout: stepTimeout }),
  );
  log("welcome card shown");

  const box = page.locator('[contenteditable="true"], textarea, input[type="text"]').first();
  await step("finding the message box", () =>
    box.waitFor({ state: "visible", timeout: stepTimeout }),
  );
  await box.click();
  await page.keyboard.type(options.question);
  await page.keyboard.press("Enter");
  log(`asked "${options.question}"`);

  // The answer is one Adaptive Card (the renderer's .ac-adaptiveCard) holding every text.
  let card = page.locator(".ac-adaptiveCard");
  for (const text of options.expect) card = card.filter({ hasText: text });
  const wanted = options.expect.map((text) => `"${text}"`).join(" and ");
  await step(`waiting for an answer card with ${wanted}`, () =>
    card.last().waitFor({ state: "visible", timeout: stepTimeout }),
  );
  for (const text of options.expect) {
    await step(`checking "${text}" is visible in the answer card`, () =>
      card.last().getByText(text, { exact: false }).first().waitFor({
        state: "visible",
        timeout: stepTimeout,
      }),
    );
  }
  log("answer card rendered");
  await card.last().scrollIntoViewIfNeeded();

  for (const next of options.step) {
    const parts = next.match(/^(click|say):(.*)=>(.*)$/);
    if (!parts) fail(`bad --step ${next}`);
    const [, kind, what, reply] = parts;
    if (kind === "click") {
      const button = page.getByRole("button", { name: what, exact: true }).last();
      await step(`clicking "${what}"`, async () => {
        await button.scrollIntoViewIfNeeded({ timeout: stepTimeout });
        await button.click({ timeout: stepTimeout });
      });
    } else {
      await box.click();
      await page.keyboard.type(what);
      await page.keyboard.press("Enter");
    }
    await step(`waiting for a reply with "${reply}" after ${kind} "${what}"`, () =>
      page
        .locator(".ac-adaptiveCard")
        .filter({ hasText: reply })
        .last()
        .waitFor({ state: "visible", timeout: stepTimeout }),
    );
    log(`${kind} "${what.slice(0, 40)}": the bot answered with "${reply}"`);
  }
} catch (error) {
  console.error(`browser check failed: ${error.message}`);
  const last = await page
    .locator(".ac-adaptiveCard")
    .last()
    .innerText({ timeout: 1000 })
    .catch(() => "(no card on the page)");
  console.error(`last card on the page: ${last.replace(/\s+/g, " ").slice(0, 400)}`);
  status = 1;
} finally {
  // The screenshot is taken either way: on failure it shows what the page did instead.
  await page
    .screenshot({ path: options.screenshot })
    .then(() => log(`screenshot ${options.screenshot}`))
    .catch((error) => console.error(`no screenshot: ${error.message}`));
  await browser.close();
}
if (outside.size) log(`outside requests left to fail: ${[...outside].sort().join(", ")}`);
process.exit(status);
