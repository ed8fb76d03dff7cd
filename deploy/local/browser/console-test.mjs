// A person takes over, in two browsers: a customer in the sandbox's chat asks for a person; an
// agent of the demo store (created here by its owner) logs into the agent console, sees the
// conversation arrive live, takes it and answers; the customer sees the answer; the agent gives it
// back, and the customer's next "hola" gets the bot's menu. A screenshot of the console is saved.
// Needs the five processes running (deploy/local/up.sh, which writes deploy/local/demo.env) and Debian's chromium.
import { launch } from "./chromium.mjs";
import { mkdirSync, readFileSync } from "node:fs";

const env = Object.fromEntries(readFileSync(new URL("../demo.env", import.meta.url), "utf8").split("\n")
  .filter((line) => line.includes("=")).map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]));
const screenshot = process.env.LIORA_CONSOLE_SCREENSHOT ?? "screenshots/agent-console.png";
const suffix = Math.floor(Math.random() * 1e8);
const customer = { phone: "569" + (10_000_000 + suffix % 89_999_999), name: "Valentina " + suffix };
const agent = { email: `agente.${suffix}@demo.liora.local`, password: "turno de tarde en la tienda", nombre: "Camila" };

async function json(url, body, token) {
  const answer = await fetch(url, { method: "POST", body: JSON.stringify(body),
    headers: { "Content-Type": "application/json", ...(token ? { Authorization: "Bearer " + token } : {}) } });
  if (!answer.ok) throw new Error(`${url} answered ${answer.status}: ${await answer.text()}`);
  return answer.json();
}

const owner = await json(env.LIORA_TENANT_URL + "/auth/login",
  { email: env.LIORA_DEMO_OWNER_EMAIL, password: env.LIORA_DEMO_OWNER_PASSWORD });
await json(`${env.LIORA_TENANT_URL}/clientes/${env.LIORA_DEMO_CLIENTE_ID}/usuarios`,
  { email: agent.email, nombre: agent.nombre, rol: "agent", password: agent.password }, owner.access_token);

// an approved template the agent will pick (the sandbox approves it within a second)
const template = "seguimiento_consola_" + suffix;
const templates = `${env.LIORA_INTEGRATIONS_URL}/clientes/${env.LIORA_DEMO_CLIENTE_ID}/templates`;
const created = await json(templates, { phone_number_id: env.LIORA_DEMO_PHONE_NUMBER_ID, name: template, language: "es",
  category: "UTILITY", components: [{ type: "BODY", text: "Hola {{1}}, ¿pudiste resolver tu consulta?",
    example: { body_text: [["Ana"]] } }] }, owner.access_token);
// and one with an image header: the agent gives the image's link too
const photo = "oferta_foto_consola_" + suffix;
const withImage = await json(templates, { phone_number_id: env.LIORA_DEMO_PHONE_NUMBER_ID, name: photo, language: "es",
  category: "MARKETING", components: [{ type: "HEADER", format: "IMAGE", example: { header_handle: ["4::Y29uc29sYQ==:e2e"] } },
    { type: "BODY", text: "{{1}}, hoy tenemos 20% en café", example: { body_text: [["Ana"]] } }] }, owner.access_token);
for (const id of [created.id, withImage.id]) {
  for (let i = 0; i < 50; i++) {
    const answer = await fetch(`${templates}/${id}`, { headers: { Authorization: "Bearer " + owner.access_token } });
    if ((await answer.json()).status === "APPROVED") break;
    await new Promise((done) => setTimeout(done, 200));
  }
}

const browser = await launch();
let failed = false;
const chat = await browser.newPage({ viewport: { width: 460, height: 860 } });
const console_ = await browser.newPage({ viewport: { width: 1100, height: 720 } });
try {
  await console_.goto(env.LIORA_CONVERSATION_URL + "/console/");
  await console_.fill("#email", agent.email);
  await console_.fill("#password", agent.password);
  await console_.click("#login button[type=submit]");
  await console_.waitForSelector("#live.on");

  await chat.goto(env.LIORA_SANDBOX_URL + "/");
  await chat.fill("#msisdn", customer.phone);
  await chat.dispatchEvent("#msisdn", "change");
  await chat.fill("#name", customer.name);
  await chat.waitForSelector("#state >> text=en línea");
  await chat.fill("#text", "hola");
  await chat.click("#send");
  await chat.waitForSelector("li.msg.out >> text=¿En qué te puedo ayudar?");
  await chat.fill("#text", "quiero hablar con una persona");
  await chat.click("#send");
  await chat.waitForSelector("li.msg.out >> text=una persona del equipo");

  // it arrives in the agent's "Esperando" list without a reload
  const row = console_.locator("#conversations li", { hasText: customer.name });
  await row.waitFor();
  await row.click();
  await console_.waitForSelector("#transcript >> text=quiero hablar con una persona");
  await console_.click("#take");
  await console_.waitForSelector("#state >> text=con agente");
  await console_.fill("#text", "¡Hola! Soy Camila, del equipo. ¿En qué te ayudo?");
  await console_.click("#reply button[type=submit]");
  await chat.waitForSelector("li.msg.out >> text=Soy Camila, del equipo");
  await console_.click("#tabs button[data-filter=mine]");
  await console_.locator("#conversations li", { hasText: customer.name }).waitFor();
  // the answer's delivery status reaches the transcript from Meta's (the sandbox's) status webhooks
  await console_.waitForSelector("#transcript li.agent >> text=leído");
  // the template picker, as after the 24-hour window: the approved template, its variable filled in
  const value = await (await console_.waitForFunction((name) => [...document.querySelectorAll("#template option")]
    .find((option) => option.textContent.startsWith(name))?.value, template)).jsonValue();
  await console_.selectOption("#template", value);
  await console_.waitForSelector("#template-body >> text=¿pudiste resolver tu consulta?");
  await console_.fill("#template-parameters input", "Valentina");
  await console_.click("#template-form button[type=submit]");
  await chat.waitForSelector("li.msg.out >> text=Hola Valentina, ¿pudiste resolver tu consulta?");
  // the image template: its link first, then its variable
  const photoValue = await (await console_.waitForFunction((name) => [...document.querySelectorAll("#template option")]
    .find((option) => option.textContent.startsWith(name))?.value, photo)).jsonValue();
  await console_.selectOption("#template", photoValue);
  await console_.fill("#template-parameters input[data-media=image]", "https://tienda.example.com/img/cafe.jpg");
  await console_.fill("#template-parameters input:not([data-media])", "Valentina");
  await console_.click("#template-form button[type=submit]");
  await chat.waitForSelector("li.msg.out >> text=https://tienda.example.com/img/cafe.jpg");
  await chat.waitForSelector("li.msg.out >> text=Valentina, hoy tenemos 20% en café");
  mkdirSync(screenshot.substring(0, screenshot.lastIndexOf("/")) || ".", { recursive: true });
  await console_.screenshot({ path: screenshot });
  console.log("PASS the agent console: the customer's request arrived live, the agent took it and the customer got the answer and two templates, one with an image");

  await console_.click("#release");
  await console_.waitForSelector("#state >> text=cerrada");
  const menus = await chat.locator("li.msg.out", { hasText: "¿En qué te puedo ayudar?" }).count();
  await chat.fill("#text", "hola");
  await chat.click("#send");
  await chat.waitForFunction((before) => [...document.querySelectorAll("li.msg.out")]
    .filter((li) => li.textContent.includes("¿En qué te puedo ayudar?")).length > before, menus);
  console.log("PASS the agent console: given back, the bot answers the customer's next hola with the menu");
} catch (error) {
  failed = true;
  console.log("FAIL the agent console: " + error.message);
  mkdirSync("screenshots", { recursive: true });
  await console_.screenshot({ path: "screenshots/console-failure.png" });
  await chat.screenshot({ path: "screenshots/console-chat-failure.png" });
} finally {
  await browser.close();
}
console.log(`console: ${failed ? 0 : 1} passed, ${failed ? 1 : 0} failed`);
process.exit(failed ? 1 : 0);
