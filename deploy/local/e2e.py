#!/usr/bin/env python3
"""End to end: drives the five running processes (deploy/local/up.sh) as a WhatsApp customer would,
through the sandbox, and checks every answer. Prints one line per check and 'N passed, N failed'."""
import hashlib
import hmac
import json
import os
import random
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ENV = dict(line.strip().split("=", 1) for line in open(os.path.join(HERE, "demo.env")) if "=" in line)
SANDBOX, NUMBER = ENV["LIORA_SANDBOX_URL"], ENV["LIORA_DEMO_PHONE_NUMBER_ID"]
CONTACT = "569" + str(random.randint(10_000_000, 99_999_999))
results = []


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def call(method, url, body=None, headers=None, raw=None):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json",
                                                                              **(headers or {})})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=15) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def messages(chat=None):
    return json.loads(call("GET", f"{SANDBOX}/sandbox/conversations/{NUMBER}/{chat or CONTACT}")[2])["messages"]


def answers(chat=None):
    return [m for m in messages(chat) if m["direction"] == "out"]


def send(who=None, **payload):
    """Writes as a customer: by default the phone CONTACT; `who` may name user_id and username instead."""
    who = who or {"from": CONTACT}
    status, _, body = call("POST", f"{SANDBOX}/sandbox/inbound",
                           {"phone_number_id": NUMBER, "name": "Ana", **who, **payload})
    assert status == 200 and json.loads(body)["webhook_status"] == 200, body


def say(who=None, **payload):
    """Writes and waits for the answer; the sandbox keeps a customer's chat under the BSUID when it has one."""
    chat = (who or {}).get("user_id") or (who or {}).get("from") or CONTACT
    before = len(answers(chat))
    send(who, **payload)
    return wait(lambda: answers(chat)[before:] or None)[-1]


def text_of(message):
    return message.get("text") or (message.get("interactive") or {}).get("body", {}).get("text", "")


def wait(probe, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        result = probe()
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError("timed out waiting")


def option_ids(message):
    action = (message.get("interactive") or {}).get("action", {})
    ids = [row["id"] for section in action.get("sections", []) for row in section["rows"]]
    return ids + [button["reply"]["id"] for button in action.get("buttons", [])]


def check(name, test):
    try:
        test()
        results.append(True)
        print(f"PASS {name}")
    except Exception as error:  # noqa: BLE001 - every failure is reported, not raised
        results.append(False)
        print(f"FAIL {name}: {error!r}")


def greeting():
    menu = say(text="hola")
    assert "catalogo.categorias" in option_ids(menu) and "vida_sana.menu" in option_ids(menu), menu


def catalog_to_a_tracked_link():
    categories = say(list_reply={"id": "catalogo.categorias", "title": "Catálogo"})
    assert "catalogo.categoria:Despensa" in option_ids(categories), categories
    products = say(list_reply={"id": "catalogo.categoria:Despensa", "title": "Despensa"})
    assert "catalogo.producto:CAF-001" in option_ids(products), products
    product = say(list_reply={"id": "catalogo.producto:CAF-001", "title": "Café"})
    assert "$12.990" in product["text"], product
    link = next(word for word in product["text"].split() if word.startswith("http"))
    status, headers, _ = call("GET", link)
    location = headers.get("Location", "")
    assert status == 301 and location.startswith("https://tienda.example.com/p/cafe-colombia-1kg?"), (status, headers)
    for utm in ("utm_source=whatsapp", "utm_medium=chatbot", "utm_campaign=demo", "utm_content=CAF-001"):
        assert utm in location, location


def vida_sana():
    menu = say(text="vida sana")
    assert option_ids(menu) == ["vida_sana.alimentacion", "vida_sana.actividad", "vida_sana.descanso"], menu
    for intent, title in (("vida_sana.alimentacion", "Alimentación"), ("vida_sana.actividad", "Actividad física"),
                          ("vida_sana.descanso", "Descanso")):
        answer = say(button_reply={"id": intent, "title": title})
        assert title in answer["interactive"]["body"]["text"], answer


def signed_text_webhook(sender, name, text, wamid):
    """Meta's webhook of one text from `sender`, as bytes, and the headers that sign it with the app secret."""
    payload = {"object": "whatsapp_business_account", "entry": [{"id": "200000000000001", "changes": [{"field": "messages",
               "value": {"messaging_product": "whatsapp",
                         "metadata": {"display_phone_number": "15550000001", "phone_number_id": NUMBER},
                         "contacts": [{"profile": {"name": name}, "wa_id": sender}],
                         "messages": [{"from": sender, "id": wamid, "timestamp": str(int(time.time())),
                                       "type": "text", "text": {"body": text}}]}}]}]}
    body = json.dumps(payload).encode()
    signature = "sha256=" + hmac.new(ENV["LIORA_META_APP_SECRET"].encode(), body, hashlib.sha256).hexdigest()
    return body, {"X-Hub-Signature-256": signature}


def the_same_webhook_three_times_gets_one_answer():
    body, signed = signed_text_webhook(CONTACT, "Ana", "reciclaje", "wamid.E2E" + str(random.randint(10**9, 10**10)))
    before = len(answers())
    for _ in range(3):
        status, _, text = call("POST", ENV["LIORA_CONVERSATION_URL"] + "/webhook/meta", raw=body, headers=signed)
        assert status == 200, (status, text)
    wait(lambda: len(answers()) > before or None)
    time.sleep(2)
    assert len(answers()) == before + 1, f"{len(answers()) - before} answers"


def statuses_reach_read():
    wait(lambda: all(m["status"] == "read" for m in answers()) or None, timeout=30)


def the_log_export_holds_the_conversation():
    status, _, body = call("POST", ENV["LIORA_TENANT_URL"] + "/auth/login",
                           {"email": ENV["LIORA_DEMO_OWNER_EMAIL"], "password": ENV["LIORA_DEMO_OWNER_PASSWORD"]})
    token = json.loads(body)["access_token"]
    status, _, export = call("GET", f"{ENV['LIORA_CONVERSATION_URL']}/clientes/{ENV['LIORA_DEMO_CLIENTE_ID']}/logs"
                             f"?msisdn={CONTACT}&limit=1000", headers={"Authorization": "Bearer " + token})
    rows = [json.loads(line) for line in export.splitlines() if line.strip()]
    assert status == 200 and {r["direction"] for r in rows} == {"in", "out"}, (status, export[:300])
    assert any(r["intent"] == "catalogo.producto" for r in rows), rows


def the_usage_report_counts_the_answers_as_meta_priced_them():
    status, _, body = call("POST", ENV["LIORA_TENANT_URL"] + "/auth/login",
                           {"email": ENV["LIORA_DEMO_OWNER_EMAIL"], "password": ENV["LIORA_DEMO_OWNER_PASSWORD"]})
    token = json.loads(body)["access_token"]
    usage = f"{ENV['LIORA_INTEGRATIONS_URL']}/clientes/{ENV['LIORA_DEMO_CLIENTE_ID']}/usage?group_by=category"
    # the sandbox prices its answers as Meta prices replies in an open window: service, free
    report = wait(lambda: (lambda r: r if r["free"] > 0 else None)(
        json.loads(call("GET", usage, headers={"Authorization": "Bearer " + token})[2])))
    assert report["billable"] == 0 and [row["key"] for row in report["rows"]] == ["service"], report
    status, headers, csv = call("GET", usage + "&format=csv", headers={"Authorization": "Bearer " + token})
    assert status == 200 and csv.startswith("category,billable,free\nservice,0,"), (status, csv)


def owner_token():
    status, _, body = call("POST", ENV["LIORA_TENANT_URL"] + "/auth/login",
                           {"email": ENV["LIORA_DEMO_OWNER_EMAIL"], "password": ENV["LIORA_DEMO_OWNER_PASSWORD"]})
    assert status == 200, body
    return {"Authorization": "Bearer " + json.loads(body)["access_token"]}


APPROVED = {}


def a_template_reaches_a_customer_whose_window_closed_and_is_counted():
    owner = owner_token()
    tenant = ENV["LIORA_DEMO_CLIENTE_ID"]
    templates = f"{ENV['LIORA_INTEGRATIONS_URL']}/clientes/{tenant}/templates"
    name = "seguimiento_e2e_" + str(random.randint(10**5, 10**6))
    APPROVED["name"] = name
    status, _, body = call("POST", templates, {
        "phone_number_id": NUMBER, "name": name, "language": "es", "category": "UTILITY",
        "components": [{"type": "BODY", "text": "Hola {{1}}, ¿pudiste resolver tu consulta?",
                        "example": {"body_text": [["Ana"]]}}]}, headers=owner)
    assert status == 201 and json.loads(body)["status"] == "PENDING", (status, body)
    template_id = json.loads(body)["id"]
    # the sandbox reviews it a moment later and says so in Meta's template webhook
    wait(lambda: json.loads(call("GET", f"{templates}/{template_id}", headers=owner)[2])["status"] == "APPROVED")
    customer = "569" + str(random.randint(10_000_000, 99_999_999))
    say({"from": customer}, text="hola")
    usage = f"{ENV['LIORA_INTEGRATIONS_URL']}/clientes/{tenant}/usage?group_by=category"
    before = json.loads(call("GET", usage, headers=owner)[2])["billable"]
    conversations = f"{ENV['LIORA_CONVERSATION_URL']}/clientes/{tenant}/conversations"
    listed = json.loads(call("GET", conversations + "?limit=100", headers=owner)[2])["items"]
    contact = next(c["contact_id"] for c in listed if c.get("phone") == customer)
    assert call("POST", f"{conversations}/{contact}/assign", {}, headers=owner)[0] == 200
    # a day passes in the sandbox: only a template reaches the customer now
    assert call("POST", f"{SANDBOX}/sandbox/windows/{NUMBER}/{customer}/close")[0] == 200
    status, _, body = call("POST", f"{conversations}/{contact}/messages",
                           {"template": {"name": name, "language": "es", "parameters": ["Ana"]}},
                           headers={**owner, "Idempotency-Key": "e2e-" + name})
    assert status == 202, (status, body)
    wait(lambda: any(m.get("text") == "Hola Ana, ¿pudiste resolver tu consulta?" for m in answers(customer)) or None)
    # Meta bills a template by its category; the usage report counts it
    report = wait(lambda: (lambda r: r if r["billable"] == before + 1 else None)(
        json.loads(call("GET", usage, headers=owner)[2])))
    assert any(row["key"] == "utility" and row["billable"] >= 1 for row in report["rows"]), report

    # a template with an image header: the agent inbox offers it with the image to give, and the customer sees both
    photo = "oferta_foto_e2e_" + str(random.randint(10**5, 10**6))
    status, _, body = call("POST", templates, {
        "phone_number_id": NUMBER, "name": photo, "language": "es", "category": "MARKETING",
        "components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::ZTJlLWpwZWc=:e2e"]}},
                       {"type": "BODY", "text": "Hola {{1}}, mira la oferta de hoy",
                        "example": {"body_text": [["Ana"]]}}]}, headers=owner)
    assert status == 201 and json.loads(body)["header_media"] == "IMAGE", (status, body)
    photo_id = json.loads(body)["id"]
    wait(lambda: json.loads(call("GET", f"{templates}/{photo_id}", headers=owner)[2])["status"] == "APPROVED")
    options = json.loads(call("GET", f"{conversations}/templates", headers=owner)[2])
    assert any(o["name"] == photo and o["header_media"] == "IMAGE" for o in options), options
    status, _, body = call("POST", f"{conversations}/{contact}/messages",
                           {"template": {"name": photo, "language": "es", "parameters": ["Ana"], "header_media": {
                               "type": "image", "link": "https://tienda.example.com/img/oferta.jpg"}}},
                           headers={**owner, "Idempotency-Key": "e2e-" + photo})
    assert status == 202, (status, body)
    wait(lambda: any(m.get("text") == "📷 https://tienda.example.com/img/oferta.jpg\nHola Ana, mira la oferta de hoy"
                     for m in answers(customer)) or None)
    call("POST", f"{conversations}/{contact}/release", {}, headers=owner)


def a_username_only_customer_is_answered_and_keeps_its_conversation():
    bsuid = "CL.1" + str(random.randint(10**14, 10**15))
    hidden = {"user_id": bsuid, "username": "ana.e2e"}
    menu = say(hidden, text="hola")
    assert "catalogo.categorias" in option_ids(menu), menu
    assert "¿Qué producto buscas?" in text_of(say(hidden, text="buscar")), "no search prompt"
    # the customer shows the phone later: the same conversation, the search goes on
    phone = "569" + str(random.randint(10_000_000, 99_999_999))
    results = say({"from": phone, "user_id": bsuid, "username": "ana.e2e"}, text="café")
    assert "catalogo.producto:CAF-001" in option_ids(results), results


def an_opted_out_customer_gets_one_confirmation_then_nothing():
    phone = "569" + str(random.randint(10_000_000, 99_999_999))
    who = {"from": phone}
    say(who, text="hola")
    confirmation = say(who, text="baja")
    assert "no te enviaremos más mensajes" in text_of(confirmation), confirmation
    before = len(answers(phone))
    send(who, text="hola")
    send(who, image={"caption": ""})
    time.sleep(3)
    assert len(answers(phone)) == before, f"{len(answers(phone)) - before} messages after opting out"
    assert "tenerte de vuelta" in text_of(say(who, text="alta")), "no welcome back"


def pictures_and_locations_get_their_answer():
    phone = "569" + str(random.randint(10_000_000, 99_999_999))
    who = {"from": phone}
    assert "Gracias por la imagen" in text_of(say(who, image={})), "no answer to a picture"
    assert "ubicación" in text_of(say(who, location={"latitude": -33.4378, "longitude": -70.6504})), "no answer"


def customers_as_they_write_reach_the_right_skill():
    who = {"from": "569" + str(random.randint(10_000_000, 99_999_999))}
    say(who, text="hola")
    parkas = say(who, text="¿tienen parkas?")
    assert 'No tenemos "parkas"' in text_of(parkas) and "catalogo.categoria:Deportes" in option_ids(parkas), parkas
    trail = text_of(say(who, text="sapatillas trail"))
    assert "*Zapatillas trail Patagonia*" in trail and "http" in trail, trail
    honey = text_of(say(who, text="cuánto sale la miel"))
    assert honey.startswith("*Miel de ulmo 500g* cuesta *$"), honey
    assert "vida_sana.menu" in option_ids(say(who, text="wenas")), "no menu for wenas"
    assert "Reciclaje" in text_of(say(who, text="dónde tiro el aceite usado")), "no recycling answer"


def secrets():
    return dict(line.strip().split("=", 1) for line in open(os.path.join(HERE, "run", "secrets.env")) if "=" in line)


def another_replica(module, port, settings):
    """Another process of `module` on the same database, on `port` (management on port + 1000), as one
    more replica; started with the local secrets and `settings`, ready when this returns."""
    for taken in (port, port + 1000):
        try:
            call("GET", f"http://localhost:{taken}/")
            raise AssertionError(f"port {taken} is in use: another process would answer for the replica")
        except urllib.error.URLError:
            pass  # free
    run = os.path.join(HERE, "run")
    environment = {**os.environ, **secrets(), "LIORA_HTTP_PORT": str(port), "LIORA_MANAGEMENT_PORT": str(port + 1000),
                   "LIORA_DB_PASSWORD": "liora_app", "LIORA_DB_MIGRATION_PASSWORD": "liora_owner",
                   "LIORA_TENANT_URL": ENV["LIORA_TENANT_URL"],
                   "LIORA_JWKS_URL": ENV["LIORA_TENANT_URL"] + "/.well-known/jwks.json", **settings}
    if subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"]).returncode != 0:
        environment.update({"LIORA_DB_HOST": "localhost", "LIORA_DB_PORT": "55432"})
    process = subprocess.Popen(["java", "-Xmx256m", "-XX:+UseSerialGC", "-jar", f"{module}/target/quarkus-app/quarkus-run.jar"],
                               cwd=os.path.join(HERE, "..", ".."), env=environment,
                               stdout=open(os.path.join(run, "logs", f"{module}-{port}.log"), "w"),
                               stderr=subprocess.STDOUT)
    def ready():
        assert process.poll() is None, f"the {module} replica on {port} exited"
        try:
            return call("GET", f"http://localhost:{port + 1000}/q/health/ready")[0] == 200
        except urllib.error.URLError:
            return False  # not listening yet
    try:
        wait(ready, timeout=90)
    except BaseException:
        process.kill()
        raise
    return process


def a_second_integrations_service(port):
    """Another integrations-service process on the same database (its sender off), as a second replica."""
    return another_replica("integrations-service", port, {
        "LIORA_DB_NAME": os.environ.get("LIORA_DB_PREFIX", "liora") + "_integrations",
        "LIORA_CLIENT_SECRET": secrets()["LIORA_CLIENT_SECRET_INTEGRATIONS"],
        "LIORA_GRAPH_BASE_URL": SANDBOX, "LIORA_WHATSAPP_SENDER_ENABLED": "false"})


def a_webhook_replica_without_workers_stores_and_the_workers_answer():
    """conversation-service split as Kubernetes runs it: a replica with no background work receives
    Meta's webhook and answers 200; the replica with the workers answers the customer."""
    replica = another_replica("conversation-service", 8092, {
        "LIORA_DB_NAME": os.environ.get("LIORA_DB_PREFIX", "liora") + "_conversation",
        "LIORA_CLIENT_SECRET": secrets()["LIORA_CLIENT_SECRET_CONVERSATION"], "LIORA_INBOX_WORKER_ENABLED": "false",
        "LIORA_CATALOG_URL": ENV["LIORA_CATALOG_URL"], "LIORA_INTEGRATIONS_URL": ENV["LIORA_INTEGRATIONS_URL"]})
    try:
        customer = "569" + str(random.randint(10_000_000, 99_999_999))
        body, signed = signed_text_webhook(customer, "Ana", "hola", "wamid.E2Esplit" + str(random.randint(10**9, 10**10)))
        status, _, text = call("POST", "http://localhost:8092/webhook/meta", raw=body, headers=signed)
        assert status == 200, (status, text)
        menu = wait(lambda: next((m for m in answers(customer)), None), timeout=30)
        assert "catalogo.categorias" in option_ids(menu), menu
        # the replica without workers stored it and sent nothing: no reply ever left it for integrations-service
        metrics = call("GET", "http://localhost:9092/q/metrics")[2]
        assert 'liora_webhook_messages_total{result="stored"} 1.0' in metrics, metrics[-2000:]
        assert not any('uri="/messages"' in line for line in metrics.splitlines()), "the webhook replica answered"
    finally:
        replica.kill()
        replica.wait()


def the_monthly_cap_holds_exactly_across_two_integrations_services():
    from concurrent.futures import ThreadPoolExecutor
    owner = owner_token()
    tenant = ENV["LIORA_DEMO_CLIENTE_ID"]
    cap = f"{ENV['LIORA_INTEGRATIONS_URL']}/clientes/{tenant}/usage/cap"
    status, _, body = call("POST", ENV["LIORA_TENANT_URL"] + "/oauth/token", raw=urllib.parse.urlencode({
        "grant_type": "client_credentials", "client_id": "conversation-service",
        "client_secret": secrets()["LIORA_CLIENT_SECRET_CONVERSATION"]}).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200, (status, body)
    service = {"Authorization": "Bearer " + json.loads(body)["access_token"], "X-Client-ID": tenant}
    second = a_second_integrations_service(8094)
    try:
        # one request first: the process answers tokens (it fetched tenant-service's keys)
        wait(lambda: call("GET", f"http://localhost:8094/clientes/{tenant}/usage/cap", headers=owner)[0] == 200,
             timeout=30)
        used = json.loads(call("GET", cap, headers=owner)[2])["used_this_month"]
        assert call("PUT", cap, {"monthly_billable": used + 3}, headers=owner)[0] == 200
        def send_template(i):
            port = 8084 if i % 2 == 0 else 8094
            return call("POST", f"http://localhost:{port}/messages", {
                "to": "569" + str(random.randint(10_000_000, 99_999_999)), "phone_number_id": NUMBER,
                "type": "template", "idempotency_key": f"cap-e2e-{random.randint(10**9, 10**10)}-{i}",
                "template": {"name": APPROVED["name"], "language": {"code": "es"},
                             "components": [{"type": "body", "parameters": [{"type": "text", "text": "Ana"}]}]}},
                headers=service)
        with ThreadPoolExecutor(max_workers=10) as pool:
            answers_ = list(pool.map(send_template, range(10)))
        statuses = sorted(status for status, _, _ in answers_)
        assert statuses == [202] * 3 + [409] * 7, [(s, b[:120]) for s, _, b in answers_]
        assert all("usage-cap-reached" in b for s, _, b in answers_ if s == 409), answers_
        state = json.loads(call("GET", cap, headers=owner)[2])
        assert state["used_this_month"] == used + 3 and state["reached"], state
    finally:
        call("PUT", cap, {"monthly_billable": None}, headers=owner)
        second.kill()
        second.wait()


def tables_holding(needle):
    """Every service database's tables with a row holding `needle` in any column, searched as PostgreSQL's
    superuser (row-level security aside): how the erasure check proves nothing of a person is left."""
    assert needle.replace(" ", "").replace(".", "").isalnum(), needle
    host, port = os.environ.get("PGHOST", "127.0.0.1"), os.environ.get("PGPORT", "5432")
    if subprocess.run(["pg_isready", "-q", "-h", host, "-p", port]).returncode != 0:
        port = "55432"  # up.sh's embedded PostgreSQL
    found = []
    for service in ("tenant", "conversation", "catalog", "integrations"):
        sql = ("select format('select %L from %I t where strpos(cast(to_jsonb(t) as text), %L) > 0 limit 1', "
               f"c.relname, c.relname, '{needle}') from pg_class c join pg_namespace n on n.oid = c.relnamespace "
               "where n.nspname = 'public' and c.relkind in ('r', 'p') \\gexec\n")
        run = subprocess.run(["psql", "-h", host, "-p", port, "-U", "postgres", "-At", "-v", "ON_ERROR_STOP=1",
                              "-d", f"{os.environ.get('LIORA_DB_PREFIX', 'liora')}_{service}"],
                             input=sql, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        found += [f"{service}.{table}" for table in run.stdout.split()]
    return found


def restart_integrations_later(seconds):
    """kill -9 integrations-service now; up.sh starts it again after `seconds` (in the background)."""
    pid = open(os.path.join(HERE, "run", "pids", "integrations-service")).read().strip()
    subprocess.run(["kill", "-9", pid], check=True)
    return subprocess.Popen(["bash", "-c", f"sleep {seconds}; LIORA_SKIP_BUILD=true bash deploy/local/up.sh"],
                            cwd=os.path.join(HERE, "..", ".."), env={**os.environ, "LIORA_FRESH_DATABASES": ""},
                            stdout=open(os.path.join(HERE, "run", "logs", "e2e-restart.log"), "w"),
                            stderr=subprocess.STDOUT)


def a_customers_data_is_exported_and_erased_everywhere_even_with_a_service_down():
    owner = owner_token()
    tenant = ENV["LIORA_DEMO_CLIENTE_ID"]
    phone = "569" + str(random.randint(10_000_000, 99_999_999))
    name = "Erasmo" + str(random.randint(10**5, 10**6))
    secret = "mi pedido privado " + str(random.randint(10**8, 10**9))
    who = {"from": phone, "name": name}
    say(who, text="hola")
    webhook, signed = signed_text_webhook(phone, name, secret, "wamid.E2Eerase" + str(random.randint(10**9, 10**10)))
    before = len(answers(phone))
    assert call("POST", ENV["LIORA_CONVERSATION_URL"] + "/webhook/meta", raw=webhook, headers=signed)[0] == 200
    wait(lambda: len(answers(phone)) > before or None)
    conversations = f"{ENV['LIORA_CONVERSATION_URL']}/clientes/{tenant}/conversations"
    listed = json.loads(call("GET", conversations + "?limit=100", headers=owner)[2])["items"]
    contact = next(c["contact_id"] for c in listed if c.get("phone") == phone)
    wait(lambda: "integrations.outbound_messages" in tables_holding(phone) or None)

    # the export: this person's data from both services, nobody else's
    status, _, document = call("GET", f"{ENV['LIORA_CONVERSATION_URL']}/clientes/{tenant}/contacts/{contact}/export",
                               headers=owner)
    assert status == 200, (status, document)
    export = json.loads(document)
    assert secret in document and CONTACT not in document, "the export holds another customer or misses this one"
    assert export["integrations_service"]["outbound_messages"] and all(
        m["recipient"] == phone for m in export["integrations_service"]["outbound_messages"]), export

    # the erasure, started while integrations-service is down, completes once it is back
    restarting = restart_integrations_later(5)
    status, headers, body = call("DELETE", f"{ENV['LIORA_CONVERSATION_URL']}/clientes/{tenant}/contacts/{contact}",
                                 headers=owner)
    assert status == 202 and json.loads(body)["status"] == "running", (status, body)
    erasure = ENV["LIORA_CONVERSATION_URL"] + urllib.parse.urlparse(headers["Location"]).path
    restarting.wait(timeout=120)
    done = wait(lambda: (lambda e: e if e["status"] == "done" else None)(
        json.loads(call("GET", erasure, headers=owner)[2])), timeout=120)
    assert done["attempts"] >= 1, ("integrations-service was down, yet no attempt failed", done)
    for trace in (phone, name, secret):
        left = tables_holding(trace)
        assert not left, (trace, left)

    # Meta retries the old webhook: dropped, nothing comes back
    assert call("POST", ENV["LIORA_CONVERSATION_URL"] + "/webhook/meta", raw=webhook, headers=signed)[0] == 200
    time.sleep(3)
    assert not tables_holding(phone) and not tables_holding(secret), "a late retry brought the data back"
    audit = json.loads(call("GET", f"{ENV['LIORA_TENANT_URL']}/clientes/{tenant}/audit?action=contact.erased",
                            headers=owner)[2])["items"]
    assert [a["target_id"] for a in audit].count(contact) == 1, audit


def the_management_surface_is_on_its_own_port_only():
    for port in (8081, 8082, 8083, 8084):
        for path in ("/q/health/ready", "/q/metrics", "/q/openapi", "/q/swagger-ui/"):
            status, _, _ = call("GET", f"http://localhost:{port}{path}")
            assert status == 404, (port, path, status)
        management = port + 1000
        assert call("GET", f"http://localhost:{management}/q/health/ready")[0] == 200, management
        assert call("GET", f"http://localhost:{management}/q/metrics")[0] == 200, management
        # no Swagger UI in a production build, anywhere
        assert call("GET", f"http://localhost:{management}/q/swagger-ui/")[0] == 404, management


for name, test in [("hola gets the menu", greeting),
                   ("catalog, category, product and its tracked short link", catalog_to_a_tracked_link),
                   ("vida sana and its three answers", vida_sana),
                   ("the same webhook three times gets one answer", the_same_webhook_three_times_gets_one_answer),
                   ("delivery statuses reach read", statuses_reach_read),
                   ("the tenant's log export holds the conversation", the_log_export_holds_the_conversation),
                   ("the usage report counts the answers as Meta priced them",
                    the_usage_report_counts_the_answers_as_meta_priced_them),
                   ("templates (one with an image header) are approved, reach a customer whose window closed, and are counted",
                    a_template_reaches_a_customer_whose_window_closed_and_is_counted),
                   ("the monthly cap holds exactly under ten concurrent sends to two integrations-service processes",
                    the_monthly_cap_holds_exactly_across_two_integrations_services),
                   ("a webhook replica without workers stores and acknowledges; the workers answer",
                    a_webhook_replica_without_workers_stores_and_the_workers_answer),
                   ("a username-only customer is answered and keeps its conversation",
                    a_username_only_customer_is_answered_and_keeps_its_conversation),
                   ("an opted-out customer gets one confirmation, then nothing, until alta",
                    an_opted_out_customer_gets_one_confirmation_then_nothing),
                   ("pictures and locations get their answer", pictures_and_locations_get_their_answer),
                   ("customers as they write: no parkas, sapatillas, the price of honey, wenas, used oil",
                    customers_as_they_write_reach_the_right_skill),
                   ("a customer's data is exported, and erased in every database even with integrations-service down",
                    a_customers_data_is_exported_and_erased_everywhere_even_with_a_service_down),
                   ("health, metrics and OpenAPI only on the management port; no Swagger UI",
                    the_management_surface_is_on_its_own_port_only)]:
    check(name, test)

passed = results.count(True)
print(f"e2e: {passed} passed, {len(results) - passed} failed")
sys.exit(0 if passed == len(results) else 1)
