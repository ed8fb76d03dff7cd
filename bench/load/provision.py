#!/usr/bin/env python3
"""Tenants for the load benchmark, through the public APIs as an operator would make them.

Usage: provision.py <extra tenants> <output json>

Reuses the tenants of an earlier run on the same stack when the output file names enough of them.

Besides the demo tenant of deploy/local/up.sh, creates <extra tenants> more (plan pro), each with an
owner, its own WhatsApp number registered in tenant-service and in the sandbox, and the demo
catalog published with the owner's token. Every tenant's reply cap is raised so that the load is
answered (the cap would silence it on purpose). Writes [{cliente_id, phone_number_id}] as JSON.
"""
import json
import secrets
import sys
import urllib.error
import urllib.request

ENV = dict(line.strip().split("=", 1) for line in open("deploy/local/demo.env") if "=" in line)
TENANT, CATALOG, SANDBOX = ENV["LIORA_TENANT_URL"], ENV["LIORA_CATALOG_URL"], ENV["LIORA_SANDBOX_URL"]


def call(method, url, body, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        raise SystemExit(f"{method} {url} answered {error.code}: {error.read().decode()[:300]}")


def login(email, password):
    return call("POST", f"{TENANT}/auth/login", {"email": email, "password": password})["access_token"]


def sandbox_numbers():
    with urllib.request.urlopen(f"{SANDBOX}/sandbox/numbers", timeout=30) as response:
        return set(json.loads(response.read()))


def earlier(output, count, known):
    """The tenants an earlier run made on this same stack, when there are enough of them."""
    try:
        tenants = json.load(open(output))
    except (OSError, ValueError):
        return None
    if len(tenants) >= count and all(t["phone_number_id"] in known for t in tenants[:count]) \
            and tenants[0]["cliente_id"] == ENV["LIORA_DEMO_CLIENTE_ID"]:
        return tenants[:count]
    return None


def main():
    extra, output = int(sys.argv[1]), sys.argv[2]
    admin = login(ENV["LIORA_PLATFORM_ADMIN_EMAIL"], ENV["LIORA_PLATFORM_ADMIN_PASSWORD"])
    known = sandbox_numbers()
    tenants = earlier(output, extra + 1, known)
    if tenants is None:
        tenants = create(admin, extra, max(int(n) for n in known))
    for tenant in tenants:
        call("PUT", f"{TENANT}/clientes/{tenant['cliente_id']}/policy", {"reply_rate_per_minute": 100000}, admin)
    json.dump(tenants, open(output, "w"), indent=1)
    print(f"tenants: {len(tenants)} ({', '.join(t['phone_number_id'] for t in tenants)})")


def create(admin, extra, highest_number):
    catalog = json.load(open("deploy/local/demo-catalog.json"))
    tenants = [{"cliente_id": ENV["LIORA_DEMO_CLIENTE_ID"], "phone_number_id": ENV["LIORA_DEMO_PHONE_NUMBER_ID"]}]
    run = secrets.token_hex(3)
    for k in range(1, extra + 1):
        slug = f"bench-{run}-{k}"
        number = str(highest_number + k)
        cliente = call("POST", f"{TENANT}/clientes", {"slug": slug, "nombre": f"Tienda carga {k}", "plan": "pro"}, admin)
        password = secrets.token_urlsafe(18)
        email = f"{slug}@bench.liora.local"
        call("POST", f"{TENANT}/clientes/{cliente['id']}/usuarios",
             {"email": email, "nombre": "Dueña", "rol": "owner", "password": password}, admin)
        access_token = "EAAG-bench-" + secrets.token_hex(16)
        call("POST", f"{TENANT}/clientes/{cliente['id']}/waba",
             {"waba_id": str(200000000000000 + k), "phone_number_id": number, "access_token": access_token}, admin)
        call("POST", f"{SANDBOX}/sandbox/numbers", {"phone_number_id": number, "access_token": access_token})
        owner = login(email, password)
        call("POST", f"{CATALOG}/clientes/{cliente['id']}/catalog/publish", catalog, owner)
        tenants.append({"cliente_id": cliente["id"], "phone_number_id": number})
    return tenants


if __name__ == "__main__":
    main()
