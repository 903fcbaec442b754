// Drives the Playground through an appraisal (waarderingskader) with buttons and typed text,
// then narrows the page to a phone's width and checks the result grid: nine cells, each with
// its rating word, side by side within the card, each on a coloured background.
// Started by test_playground_appraisal.py; by hand:
//   node appraise.mjs --url http://127.0.0.1:56150 --screenshot grid.png
// Exits 0 when the grid renders as expected, 1 with a message otherwise.
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";

const { values: options } = parseArgs({
  options: {
    url: { type: "string" },
    screenshot: { type: "string" },
    chromium: { type: "string", default: "/usr/bin/chromium" },
    timeout: { type: "string", default: "20000" },
    width: { type: "string", default: "400" }, // a phone's width in CSS pixels
  },
});
const stepTimeout = Number(options.timeout);
const RATINGS = [
  "Sterk", "Aandacht nodig", "Zorgelijk",
  "Voldoende", "Voldoende", "Zorgelijk",
  "Weet ik niet", "Sterk", "Aandacht nodig",
];
// Row by row (perspectives as columns), as the grid shows them.
const GRID = [
  "Sterk", "Voldoende", "Weet ik niet",
  "Aandacht nodig", "Voldoende", "Sterk",
  "Zorgelijk", "Zorgelijk", "Aandacht nodig",
];

function log(message) {
  console.log(`[appraise.mjs ${(performance.now() / 1000).toFixed(1)}s] ${message}`);
}

const browser = await chromium.launch({
  executablePath: options.chromium,
  headless: true,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
  ],
});
const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });

async function reply(text) {
  await page
    .locator(".ac-adaptiveCard")
    .filter({ hasText: text })
    .last()
    .waitFor({ state: "visible", timeout: stepTimeout });
}

async function say(text, expected) {
  const box = page.locator('[contenteditable="true"], textarea, input[type="text"]').first();
  await box.click({ timeout: stepTimeout });
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
  await reply(expected);
  log(`typed "${text}": "${expected}"`);
}

async function click(title, expected) {
  const button = page.getByRole("button", { name: title, exact: true }).last();
  await button.scrollIntoViewIfNeeded({ timeout: stepTimeout });
  await button.click({ timeout: stepTimeout });
  await reply(expected);
  log(`clicked "${title}": "${expected}"`);
}

let status = 0;
try {
  await page.goto(options.url, { waitUntil: "domcontentloaded", timeout: stepTimeout });
  await page.getByText("Welkom bij Samenwerkwijzer").first().waitFor({ timeout: stepTimeout });
  await say("evaluatie", "Andere samenwerking");
  await click("Andere samenwerking", "Hoe heet de samenwerking");
  await say("Regionale Energiestrategie", "Vraag 2 van 15");
  await say("Kwetsbaar: weinig uren. Potentieel: samen inkopen.", "Vraag 3 van 15");
  for (const [index, rating] of RATINGS.entries()) {
    await click(rating, `Vraag ${index + 4} van 15`);
  }
  await click("Onrustig vaarwater", "Vraag 13 van 15");
  await click("Ja", "Vraag 14 van 15");
  await say("implementeren", "Vraag 15 van 15");
  await click("Zakelijke afspraak", "Waardering van Regionale Energiestrategie");

  await page.setViewportSize({ width: Number(options.width), height: 2400 });
  await page.waitForTimeout(500);
  const card = page
    .locator(".ac-adaptiveCard")
    .filter({ hasText: "Waardering van Regionale Energiestrategie" })
    .last();
  await card.scrollIntoViewIfNeeded();
  const grid = await card.evaluate((root) => {
    // The renderer draws each Column as an .ac-container with a dir attribute.
    const cells = [...root.querySelectorAll(".ac-container[dir]")]
      .filter((column) => column.innerText.trim())
      .map((cell) => {
        const box = cell.getBoundingClientRect();
        const style = getComputedStyle(cell);
        return { text: cell.innerText.trim(), right: box.right, background: style.backgroundColor };
      });
    return { right: root.getBoundingClientRect().right, cells };
  });
  const rated = grid.cells.filter((cell) => cell.background !== "rgba(0, 0, 0, 0)");
  const words = rated.map((cell) => cell.text.split("\n")[0].trim());
  if (JSON.stringify(words) !== JSON.stringify(GRID)) {
    throw new Error(`grid shows ${JSON.stringify(words)}, expected ${JSON.stringify(GRID)}`);
  }
  const outside = rated.filter((cell) => cell.right > grid.right + 1);
  if (outside.length) throw new Error(`cells beyond the card's edge: ${JSON.stringify(outside)}`);
  const colours = new Set(rated.map((cell) => cell.background));
  if (colours.size < 4) throw new Error(`only ${colours.size} background colours in the grid`);
  log(`grid renders at ${options.width} px: ${words.join(", ")}; ${colours.size} colours`);
  await card.screenshot({ path: options.screenshot });
  log(`screenshot ${options.screenshot}`);
} catch (error) {
  console.error(`appraisal browser check failed: ${error.message.split("\n")[0]}`);
  await page.screenshot({ path: options.screenshot }).catch(() => {});
  status = 1;
}
await browser.close();
process.exit(status);
