// A customer in a browser: headless Chromium opens the sandbox's chat page, types "hola", taps
// through the catalog to a product and sees its short link (a screenshot of the chat is saved);
// then writes as a customer with a username and a hidden phone, and sends a picture.
// Needs the five processes running (deploy/local/up.sh) and Debian's chromium.
import { launch } from "./chromium.mjs";
import { mkdirSync } from "node:fs";

const sandbox = process.env.LIORA_SANDBOX_URL ?? "http://localhost:8090";
const screenshot = process.env.LIORA_SCREENSHOT ?? "screenshots/sandbox-chat.png";
const contact = "569" + Math.floor(10_000_000 + Math.random() * 89_999_999);

const browser = await launch();
let failed = false;
const page = await browser.newPage({ viewport: { width: 460, height: 860 } });
try {
  await page.goto(sandbox + "/");
  await page.fill("#msisdn", contact);
  await page.dispatchEvent("#msisdn", "change");
  await page.fill("#name", "Ana");
  await page.waitForSelector("text=en línea");

  await page.fill("#text", "hola");
  await page.click("#send");
  await page.waitForSelector("li.msg.out >> text=¿En qué te puedo ayudar?");

  await page.locator("li.msg.out").last().locator(".list-open").click();
  await page.locator("li.msg.out").last().locator(".row", { hasText: "Catálogo" }).click();
  await page.waitForSelector("li.msg.out >> text=Estas son nuestras categorías");

  await page.locator("li.msg.out").last().locator(".list-open").click();
  await page.locator("li.msg.out").last().locator(".row", { hasText: "Despensa" }).click();
  await page.waitForSelector("li.msg.out >> text=Encontré estos productos en Despensa");

  await page.locator("li.msg.out").last().locator(".list-open").click();
  await page.locator("li.msg.out").last().locator(".row", { hasText: "Café de grano" }).click();
  const link = page.locator("li.msg.out a[href*='/s/']").last();
  await link.waitFor();
  const href = await link.getAttribute("href");
  if (!href.startsWith(sandbox + "/s/")) throw new Error("unexpected link " + href);
  await page.waitForSelector("li.msg.out .ticks.read");
  mkdirSync(screenshot.substring(0, screenshot.lastIndexOf("/")) || ".", { recursive: true });
  await page.screenshot({ path: screenshot });
  console.log(`PASS the chat page: hola, catálogo, Despensa, a product with its link ${href}`);

  // a customer with a username who hides the phone, answered all the same; then a picture
  await page.fill("#username", "ana.navegador" + Math.floor(Math.random() * 1e6));
  await page.check("#hide");
  await page.dispatchEvent("#hide", "change");
  await page.waitForFunction(() => document.querySelectorAll("li.msg").length === 0);
  await page.waitForSelector("#state >> text=en línea");
  await page.fill("#text", "hola");
  await page.click("#send");
  await page.waitForSelector("li.msg.out >> text=¿En qué te puedo ayudar?");
  await page.click("#photo");
  await page.waitForSelector("li.msg.out >> text=Gracias por la imagen");
  console.log("PASS the chat page: a username-only customer is answered, and a picture too");
} catch (error) {
  failed = true;
  console.log("FAIL the chat page: " + error.message);
  mkdirSync("screenshots", { recursive: true });
  await page.screenshot({ path: "screenshots/failure.png" });
} finally {
  await browser.close();
}
console.log(`browser: ${failed ? 0 : 1} passed, ${failed ? 1 : 0} failed`);
process.exit(failed ? 1 : 0);
