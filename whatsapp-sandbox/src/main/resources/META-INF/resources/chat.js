// The contact's phone: sends what you type or tap to /sandbox/inbound (which signs and posts a
// Meta webhook to conversation-service) and shows the bot's answers as they reach the sandbox's
// Graph API, live over server-sent events.
const $ = (id) => document.getElementById(id);
const chat = $("chat");
let stream;
const shown = new Map(); // wamid -> element

function escapeHtml(text) {
  return (text || "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));
}

function linkify(text) {
  return escapeHtml(text).replace(/(https?:\/\/[^\s]+)/g, '<a href="$1" target="_blank" rel="noopener">$1</a>')
    .replace(/\*([^*\n]+)\*/g, "<strong>$1</strong>");
}

function ticks(status) {
  if (status === "read") return '<span class="ticks read">✓✓</span>';
  if (status === "delivered") return '<span class="ticks">✓✓</span>';
  return '<span class="ticks">✓</span>';
}

function time(at) {
  return new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

function meta(message) {
  return `<span class="meta">${time(message.at)} ${message.direction === "in" ? "" : ticks(message.status)}</span>`;
}

const progress = ["accepted", "sent", "delivered", "read"];

function render(message) {
  let item = shown.get(message.wamid);
  if (item) {
    // a status update changes only the ticks (and only forward: the history reloaded after a
    // reconnection may be older than the stream): the message's buttons stay the same elements,
    // so a tap in progress (or an open list) is not lost to a re-render
    if (progress.indexOf(message.status) > progress.indexOf(item.dataset.status)) {
      item.dataset.status = message.status;
      item.querySelector(".meta").outerHTML = meta(message);
    }
    return;
  }
  item = document.createElement("li");
  item.className = "msg " + message.direction;
  item.dataset.wamid = message.wamid;
  item.dataset.status = message.status;
  item.dataset.at = Date.parse(message.at);
  // in time order, also for a message the stream missed and the reloaded history brings late
  const later = [...chat.querySelectorAll("li.msg")].find((other) => Number(other.dataset.at) > Number(item.dataset.at));
  chat.insertBefore(item, later ?? null);
  shown.set(message.wamid, item);
  const interactive = message.direction === "out" ? message.interactive : null;
  let body = interactive ? linkify(interactive.body?.text) : linkify(message.text);
  if (interactive?.type === "button") {
    body += '<div class="options">' + interactive.action.buttons.map((b) =>
      `<button data-kind="button_reply" data-id="${escapeHtml(b.reply.id)}" data-title="${escapeHtml(b.reply.title)}">${escapeHtml(b.reply.title)}</button>`).join("") + "</div>";
  }
  if (interactive?.type === "list") {
    const rows = interactive.action.sections.flatMap((s) => s.rows);
    body += `<button class="list-open">☰ ${escapeHtml(interactive.action.button)}</button><div class="rows">` + rows.map((r) =>
      `<button class="row" data-kind="list_reply" data-id="${escapeHtml(r.id)}" data-title="${escapeHtml(r.title)}">${escapeHtml(r.title)}${r.description ? `<small>${escapeHtml(r.description)}</small>` : ""}</button>`).join("") + "</div>";
  }
  item.innerHTML = body + meta(message);
  chat.scrollTop = chat.scrollHeight;
}

// A customer with a username gets a business-scoped user id (BSUID) from Meta, the same every time;
// the sandbox makes one up from the username. With "Ocultar mi número" the phone is not sent at all.
function bsuidOf(username) {
  let hash = 7;
  for (const c of username) hash = (hash * 31 + c.codePointAt(0)) % 1000000000039;
  return "CL.1" + String(hash).padStart(15, "0");
}

function identity() {
  const username = $("username").value.trim().replace(/^@/, "");
  const who = { name: $("name").value };
  if (username) Object.assign(who, { username, user_id: bsuidOf(username) });
  if (!username || !$("hide").checked) who.from = $("msisdn").value;
  return who;
}

// the chat is the customer's BSUID when it has one, else the phone (as the sandbox keeps it)
function handle() {
  const who = identity();
  return who.user_id || who.from;
}

async function send(payload) {
  const answer = await fetch("/sandbox/inbound", {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ phone_number_id: $("number").value, ...identity(), ...payload }),
  });
  const result = await answer.json();
  if (!answer.ok || result.webhook_status !== 200) {
    const hint = document.createElement("li");
    hint.className = "hint";
    hint.textContent = `El webhook respondió ${result.webhook_status ?? answer.status}`;
    chat.appendChild(hint);
  }
}

chat.addEventListener("click", (event) => {
  const opener = event.target.closest(".list-open");
  if (opener) { opener.nextElementSibling.classList.toggle("open"); return; }
  const option = event.target.closest("[data-kind]");
  if (option) send({ [option.dataset.kind]: { id: option.dataset.id, title: option.dataset.title } });
});

$("composer").addEventListener("submit", (event) => {
  event.preventDefault();
  const text = $("text").value.trim();
  if (!text) return;
  $("text").value = "";
  send({ text });
});

$("photo").addEventListener("click", () => {
  const caption = $("text").value.trim();
  $("text").value = "";
  send({ image: caption ? { caption } : {} });
});

// a fixed place (Plaza de Armas, Santiago): the page works the same without the browser's permission
$("place").addEventListener("click", () =>
  send({ location: { latitude: -33.4378, longitude: -70.6504, name: "Plaza de Armas" } }));

function connect() {
  if (stream) stream.close();
  stream = null;
  $("state").textContent = "conectando…";
  chat.innerHTML = "";
  shown.clear();
  const number = $("number").value, msisdn = handle();
  if (!number || !msisdn) return;
  const current = new EventSource(`/sandbox/conversations/${number}/${msisdn}/stream`);
  stream = current;
  // the history is read once the stream is open, and again after every reconnection, so nothing
  // said while the stream was down (or before it opened) is missing; render() shows each message once
  current.onopen = async () => {
    const history = await (await fetch(`/sandbox/conversations/${number}/${msisdn}`)).json();
    if (stream !== current) return; // the customer switched chats meanwhile
    history.messages.forEach(render);
    $("state").textContent = "en línea";
  };
  current.onerror = () => { $("state").textContent = "reconectando…"; };
  current.onmessage = (event) => render(JSON.parse(event.data));
}

(async function start() {
  const numbers = await (await fetch("/sandbox/numbers")).json();
  $("number").innerHTML = numbers.map((n) => `<option>${n}</option>`).join("");
  $("business").textContent = numbers.length ? "Tienda demo" : "Sin números registrados";
  ["number", "msisdn", "username", "hide"].forEach((id) => $(id).addEventListener("change", connect));
  connect();
})();
