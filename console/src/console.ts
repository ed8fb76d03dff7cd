// The agent console: a staff user logs in (tenant-service), sees the tenant's conversations live
// (server-sent events from conversation-service, read with fetch so the token travels in a header),
// opens one, takes it, answers and gives it back to the bot. Every call but the event stream goes
// through the TypeScript SDK generated from our OpenAPI documents.
import { AuthApi, Configuration as TenantConfiguration } from "../../sdk/typescript/target/generated/tenant";
import {
  ConversationsApi,
  Configuration as ConversationConfiguration,
  ResponseError,
  type ConversationSummary,
  type TemplateOption,
  type TranscriptEntry,
} from "../../sdk/typescript/target/generated/conversation";

type Filter = "waiting" | "mine" | "all";

interface Session {
  token: string;
  clienteId: string;
  usuarioId: string;
  rol: string;
  email: string;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const api = () => new ConversationsApi(new ConversationConfiguration({ basePath: location.origin, accessToken: session!.token }));

let session: Session | null = null;
let filter: Filter = "waiting";
let selected: string | null = null;
let stream: AbortController | null = null;
let templates: TemplateOption[] | null = null;

/** The token's claims, as tenant-service signed them (the server verifies; the page only reads). */
function claims(token: string): Record<string, string> {
  const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0))));
}

async function problem(error: unknown): Promise<string> {
  if (error instanceof ResponseError) {
    try {
      const body = await error.response.json();
      return body.detail ?? body.title ?? `HTTP ${error.response.status}`;
    } catch {
      return `HTTP ${error.response.status}`;
    }
  }
  return String(error);
}

function text(value: string | null | undefined): string {
  return value ?? "";
}

function time(at: Date | null | undefined): string {
  return at ? at.toLocaleTimeString("es-CL", { hour: "2-digit", minute: "2-digit" }) : "";
}

const STATES: Record<string, string> = { bot: "bot", waiting: "esperando", agent: "con agente", closed: "cerrada" };
const AUTHORS: Record<string, string> = { customer: "cliente", bot: "bot", agent: "equipo" };
const DELIVERY: Record<string, string> = { queued: "en cola", sent: "✓", delivered: "✓✓", read: "✓✓ leído", failed: "no entregado" };

function who(conversation: ConversationSummary): string {
  return conversation.profileName || conversation.phone || (conversation.username ? "@" + conversation.username : "cliente");
}

async function login(event: SubmitEvent) {
  event.preventDefault();
  $("login-error").textContent = "";
  try {
    const config = await (await fetch("/console-config")).json();
    const auth = new AuthApi(new TenantConfiguration({ basePath: config.tenant_service_url }));
    const email = $<HTMLInputElement>("email").value;
    const answer = await auth.login({ loginRequest: { email, password: $<HTMLInputElement>("password").value } });
    const token = answer.accessToken!;
    const c = claims(token);
    session = { token, clienteId: c.cliente_id, usuarioId: c.usuario_id, rol: c.rol, email };
    $("login").hidden = true;
    $("inbox").hidden = false;
    $("logout").hidden = false;
    $("who").textContent = `${email} · ${c.rol}`;
    listen();
    await refresh();
  } catch (error) {
    $("login-error").textContent = "No pudimos entrar: " + (await problem(error));
  }
}

async function refresh() {
  if (!session) return;
  const page = await api().listConversations({
    clienteId: session.clienteId,
    state: filter === "waiting" ? "waiting" : undefined,
    assignedTo: filter === "mine" ? "me" : undefined,
    limit: 100,
  });
  const list = $("conversations");
  list.replaceChildren(...page.items!.map((conversation) => {
    const item = document.createElement("li");
    item.dataset.contact = conversation.contactId;
    item.className = conversation.contactId === selected ? "selected" : "";
    const unread = conversation.unread ? `<span class="badge">${conversation.unread}</span>` : "";
    item.innerHTML = `<strong></strong>${unread}<span class="preview"></span>`;
    item.querySelector("strong")!.textContent = `${who(conversation)} · ${STATES[conversation.state!] ?? conversation.state}`;
    item.querySelector(".preview")!.textContent = text(conversation.lastMessage);
    item.addEventListener("click", () => open(conversation.contactId!));
    return item;
  }));
  if (selected) await show(selected);
}

async function open(contactId: string) {
  selected = contactId;
  document.querySelectorAll("#conversations li").forEach((li) =>
    li.classList.toggle("selected", (li as HTMLElement).dataset.contact === contactId));
  await show(contactId);
}

async function show(contactId: string) {
  const transcript = await api().conversationTranscript({ clienteId: session!.clienteId, contactId, limit: 100 });
  const conversation = transcript.conversation!;
  ($("conversation").querySelector(".empty") as HTMLElement).hidden = true;
  $("detail").hidden = false;
  $("contact-name").textContent = who(conversation);
  $("contact-id").textContent = conversation.phone ?? (conversation.username ? "@" + conversation.username : "");
  const state = $("state");
  state.textContent = STATES[conversation.state!] ?? conversation.state!;
  state.className = "state " + conversation.state;
  $("window").textContent = conversation.windowClosesAt
    ? "ventana hasta " + conversation.windowClosesAt.toLocaleString("es-CL", { weekday: "short", hour: "2-digit", minute: "2-digit" })
    : "";
  const mine = conversation.state === "agent" && conversation.assignedAgent === session!.usuarioId;
  // after the 24-hour window WhatsApp delivers only approved templates
  const windowOpen = !!conversation.windowClosesAt && conversation.windowClosesAt.getTime() > Date.now();
  $<HTMLButtonElement>("take").disabled = mine;
  $<HTMLButtonElement>("release").disabled = conversation.state !== "agent" && conversation.state !== "waiting";
  $<HTMLButtonElement>("reply").querySelector("button")!.disabled = !mine || !windowOpen;
  $<HTMLTextAreaElement>("text").disabled = !mine || !windowOpen;
  $("window-closed").hidden = windowOpen;
  $<HTMLSelectElement>("template").disabled = !mine;
  await loadTemplates();
  $("transcript").replaceChildren(...transcript.messages!.slice().reverse().map(entry));
  $("transcript").scrollTop = $("transcript").scrollHeight;
}

function entry(message: TranscriptEntry): HTMLLIElement {
  const item = document.createElement("li");
  item.className = `${message.direction} ${message.author}`;
  item.textContent = message.text || `[${message.messageType}]`;
  const meta = document.createElement("small");
  const ticks = message.deliveryStatus ? ` · ${DELIVERY[message.deliveryStatus] ?? message.deliveryStatus}` : "";
  meta.textContent = `${AUTHORS[message.author!] ?? message.author} · ${time(message.at)}${ticks}`;
  item.appendChild(meta);
  if (message.deliveryError) {
    // why WhatsApp did not deliver it, and the fix when there is one (e.g. a template after 24 hours)
    const error = document.createElement("small");
    error.className = "delivery-error";
    error.textContent = message.deliveryError;
    item.appendChild(error);
  }
  return item;
}

/** The tenant's approved templates, once per session (an agent reloads the page to see new ones). */
async function loadTemplates() {
  if (templates) return;
  try {
    templates = await api().listConversationTemplates({ clienteId: session!.clienteId });
  } catch {
    return; // the picker stays empty; the next conversation opened tries again
  }
  $("template").append(...templates.map((template, index) => {
    const option = document.createElement("option");
    option.value = String(index);
    option.textContent = `${template.name} (${template.language})`;
    return option;
  }));
}

function chosenTemplate(): TemplateOption | null {
  const index = $<HTMLSelectElement>("template").value;
  return index === "" || !templates ? null : templates[Number(index)];
}

const MEDIA: Record<string, string> = { IMAGE: "Enlace de la imagen", VIDEO: "Enlace del video",
  DOCUMENT: "Enlace del documento" };

/**
 * One input per variable of the chosen template's body, and its text as a preview; first the link of
 * its header's image, video or document when it has one (WhatsApp fetches it: a public https address).
 */
function showTemplate() {
  const template = chosenTemplate();
  $("template-body").textContent = template?.body ?? "";
  const media: HTMLInputElement[] = [];
  if (template?.headerMedia) {
    const link = document.createElement("input");
    link.type = "url";
    link.required = true;
    link.pattern = "https://.+";
    link.maxLength = 2000;
    link.placeholder = "https://…";
    link.dataset.media = template.headerMedia.toLowerCase();
    link.setAttribute("aria-label", MEDIA[template.headerMedia] ?? "Enlace");
    media.push(link);
  }
  $("template-parameters").replaceChildren(...media, ...Array.from({ length: template?.parameters ?? 0 }, (_, i) => {
    const input = document.createElement("input");
    input.required = true;
    input.maxLength = 1024;
    input.placeholder = `{{${i + 1}}}`;
    input.setAttribute("aria-label", `Variable ${i + 1}`);
    return input;
  }));
  $<HTMLFormElement>("template-form").querySelector("button")!.disabled = !template;
}

async function act(action: () => Promise<unknown>) {
  $("action-error").textContent = "";
  try {
    await action();
    await refresh();
  } catch (error) {
    $("action-error").textContent = await problem(error);
  }
}

/** The tenant's events, read as a stream (EventSource cannot send the token); back after 2 s when cut. */
async function listen() {
  stream?.abort();
  const controller = new AbortController();
  stream = controller;
  try {
    const answer = await fetch(`/clientes/${session!.clienteId}/conversations/events`, {
      headers: { Authorization: "Bearer " + session!.token, Accept: "text/event-stream" },
      signal: controller.signal,
    });
    if (!answer.ok || !answer.body) throw new Error("HTTP " + answer.status);
    $("live").textContent = "en vivo";
    $("live").classList.add("on");
    await refresh(); // whatever happened while the stream was down
    const reader = answer.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      const events = buffer.split("\n\n");
      buffer = events.pop() ?? "";
      if (events.some((e) => e.includes("data:") && !e.includes('"heartbeat"'))) await refresh();
    }
  } catch (error) {
    if (controller.signal.aborted) return;
  }
  $("live").textContent = "reconectando…";
  $("live").classList.remove("on");
  if (stream === controller) setTimeout(listen, 2000);
}

$("login").addEventListener("submit", login);
$("logout").addEventListener("click", () => location.reload());
$("tabs").addEventListener("click", (event) => {
  const button = (event.target as HTMLElement).closest("button");
  if (!button) return;
  filter = button.dataset.filter as Filter;
  document.querySelectorAll("#tabs button").forEach((b) => b.classList.toggle("active", b === button));
  refresh();
});
$("take").addEventListener("click", () => act(() =>
  api().assignConversation({ clienteId: session!.clienteId, contactId: selected!, assignRequest: {} })));
$("release").addEventListener("click", () => act(() =>
  api().releaseConversation({ clienteId: session!.clienteId, contactId: selected!, releaseRequest: {} })));
$("template").addEventListener("change", showTemplate);
$("template-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const template = chosenTemplate();
  if (!template) return;
  const inputs = [...$("template-parameters").querySelectorAll("input")];
  const parameters = inputs.filter((input) => !input.dataset.media).map((input) => input.value.trim());
  const link = inputs.find((input) => input.dataset.media);
  const headerMedia = link ? { type: link.dataset.media!, link: link.value.trim() } : undefined;
  const idempotencyKey = crypto.randomUUID();
  act(async () => {
    await api().sendAgentMessage({ clienteId: session!.clienteId, contactId: selected!, idempotencyKey,
      agentMessage: { template: { name: template.name!, language: template.language!, parameters, headerMedia } } });
    $<HTMLSelectElement>("template").value = "";
    showTemplate();
  });
});
$("reply").addEventListener("submit", (event) => {
  event.preventDefault();
  const box = $<HTMLTextAreaElement>("text");
  const message = box.value.trim();
  if (!message) return;
  // one key per message typed: a retry of the same send never reaches the customer twice
  const idempotencyKey = crypto.randomUUID();
  act(async () => {
    await api().sendAgentMessage({ clienteId: session!.clienteId, contactId: selected!, idempotencyKey,
      agentMessage: { text: message } });
    box.value = "";
  });
});
