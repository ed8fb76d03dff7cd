// Validates what cannot be deployed from here: every Kubernetes overlay renders (kubectl kustomize),
// every object passes the Kubernetes API schema (kubernetes-models), the rules Liora keeps hold
// (probes, limits, non-root, read-only root, no /internal on the ingress, a NetworkPolicy and a
// PodDisruptionBudget for every Deployment, autoscaling for conversation and integrations, Meta's
// webhook on replicas of its own that run no background work), no Secret value is committed, and
// compose agrees with the manifests and the services' settings.
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import yaml from "js-yaml";

const root = new URL("../../", import.meta.url).pathname;
const results = [];
const check = (name, ok, detail = "") => {
  results.push(ok);
  console.log(`${ok ? "PASS" : "FAIL"} ${name}${ok || !detail ? "" : ": " + detail}`);
};
const LIORA = ["tenant-service", "conversation-service", "catalog-service", "integrations-service"];
// conversation-service runs as two Deployments: its workers (and the agent API) and its webhook replicas
const DEPLOYMENTS = [...LIORA, "conversation-webhook"];
const matches = (selector, labels) => Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v);

async function schemaCheck(object) {
  const module = await import(`kubernetes-models/${object.apiVersion}`);
  const Kind = module[object.kind];
  if (!Kind) throw new Error(`no schema for ${object.apiVersion} ${object.kind}`);
  new Kind(object).validate();
}

const selects = (policy, labels) => {
  const selector = policy.spec.podSelector ?? {};
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpressions = (selector.matchExpressions ?? []).every((e) => e.operator === "In" && e.values.includes(labels[e.key]));
  return byLabels && byExpressions;
};

for (const overlay of ["dev", "prod"]) {
  let objects;
  try {
    const rendered = execFileSync("kubectl", ["kustomize", `${root}deploy/k8s/overlays/${overlay}`], { encoding: "utf8" });
    objects = yaml.loadAll(rendered).filter(Boolean);
    check(`${overlay}: renders with kubectl kustomize (${objects.length} objects)`, objects.length > 0);
  } catch (error) {
    check(`${overlay}: renders with kubectl kustomize`, false, error.message);
    continue;
  }
  for (const object of objects) {
    try {
      await schemaCheck(object);
      results.push(true);
    } catch (error) {
      check(`${overlay}: ${object.kind}/${object.metadata.name} matches the Kubernetes schema`, false, error.message);
    }
  }
  console.log(`PASS ${overlay}: every object matches the Kubernetes API schema`);

  const deployments = objects.filter((o) => o.kind === "Deployment" && DEPLOYMENTS.includes(o.metadata.name));
  check(`${overlay}: the four services and the webhook replicas are deployed`, deployments.length === 5,
    deployments.map((d) => d.metadata.name).join());
  for (const d of deployments) {
    const pod = d.spec.template.spec;
    const c = pod.containers[0];
    const probes = ["startupProbe", "readinessProbe", "livenessProbe"].every((p) => c[p]?.httpGet?.path?.startsWith("/q/health/")
      && c[p]?.httpGet?.port === "management");
    check(`${overlay}: ${d.metadata.name} has startup, readiness and liveness probes on /q/health of the management port`, probes);
    const management = c.ports.find((p) => p.name === "management")?.containerPort;
    check(`${overlay}: ${d.metadata.name} is scraped on its management port`,
      Boolean(management) && d.spec.template.metadata.annotations?.["prometheus.io/port"] === String(management));
    const reachable = objects.filter((o) => o.kind === "NetworkPolicy" && selects(o, d.spec.template.metadata.labels))
      .flatMap((o) => (o.spec.ingress ?? []).filter((rule) => (rule.ports ?? []).some((p) => p.port === "management" || p.port === management)))
      .flatMap((rule) => rule.from ?? []);
    check(`${overlay}: ${d.metadata.name}'s management port is reached by Prometheus only, never the ingress controller`,
      reachable.length > 0 && reachable.every((from) => from.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"] === "monitoring"));
    check(`${overlay}: ${d.metadata.name} has requests and limits`,
      Boolean(c.resources?.requests?.cpu && c.resources?.requests?.memory && c.resources?.limits?.cpu && c.resources?.limits?.memory));
    check(`${overlay}: ${d.metadata.name} runs as non-root with a read-only root filesystem`,
      pod.securityContext?.runAsNonRoot === true && c.securityContext?.readOnlyRootFilesystem === true
        && c.securityContext?.allowPrivilegeEscalation === false);
    check(`${overlay}: ${d.metadata.name} has time to finish claimed work on shutdown`, pod.terminationGracePeriodSeconds >= 40);
    const labels = d.spec.template.metadata.labels;
    const policies = objects.filter((o) => o.kind === "NetworkPolicy" && selects(o, labels));
    check(`${overlay}: ${d.metadata.name} is covered by a NetworkPolicy`, policies.length > 0);
    const pdb = objects.find((o) => o.kind === "PodDisruptionBudget" && matches(o.spec.selector, labels));
    check(`${overlay}: ${d.metadata.name} has a PodDisruptionBudget`, Boolean(pdb));
    if (overlay === "prod") {
      check(`prod: ${d.metadata.name} runs 2 replicas`, d.spec.replicas === 2);
    }
  }
  // Meta's webhook reaches only replicas that run no background work; the workers get no webhook
  const byName = (kind, name) => objects.find((o) => o.kind === kind && o.metadata.name === name);
  const webhookPods = byName("Deployment", "conversation-webhook")?.spec.template;
  const workerPods = byName("Deployment", "conversation-service")?.spec.template;
  const env = (pods, key) => pods?.spec.containers[0].env?.find((e) => e.name === key)?.value;
  check(`${overlay}: conversation-webhook runs no background work`, env(webhookPods, "LIORA_INBOX_WORKER_ENABLED") === "false"
    && env(workerPods, "LIORA_INBOX_WORKER_ENABLED") !== "false");
  const webhookRoute = objects.filter((o) => o.kind === "Ingress").flatMap((i) => i.spec.rules.flatMap((r) => r.http.paths))
    .find((p) => p.path === "/webhook/meta");
  const webhookService = byName("Service", webhookRoute?.backend.service.name);
  check(`${overlay}: the ingress sends /webhook/meta to the webhook replicas only`, Boolean(webhookService && webhookPods
    && matches({ matchLabels: webhookService.spec.selector }, webhookPods.metadata.labels)
    && !matches({ matchLabels: webhookService.spec.selector }, workerPods.metadata.labels)));
  const apiService = byName("Service", "conversation-service");
  check(`${overlay}: the conversation-service Service reaches its workers only`, Boolean(apiService
    && matches({ matchLabels: apiService.spec.selector }, workerPods.metadata.labels)
    && !matches({ matchLabels: apiService.spec.selector }, webhookPods.metadata.labels)));
  for (const name of ["conversation-service", "conversation-webhook", "integrations-service"]) {
    const hpa = objects.find((o) => o.kind === "HorizontalPodAutoscaler" && o.spec.scaleTargetRef.name === name);
    check(`${overlay}: ${name} autoscales`, Boolean(hpa) && (overlay !== "prod" || hpa.spec.minReplicas >= 2));
  }
  const paths = objects.filter((o) => o.kind === "Ingress").flatMap((i) => i.spec.rules.flatMap((r) => r.http.paths.map((p) => p.path)));
  check(`${overlay}: the ingress exposes /webhook/meta`, paths.includes("/webhook/meta"));
  check(`${overlay}: the ingress exposes no /internal, /oauth or /q route`,
    !paths.some((p) => /^\/(internal|oauth|q)(\/|$)/.test(p)), paths.join(" "));
  const webhook = objects.find((o) => o.kind === "Ingress" && o.spec.rules.some((r) => r.http.paths.some((p) => p.path === "/webhook/meta")));
  check(`${overlay}: the webhook's ingress accepts Meta's bodies`,
    parseInt(webhook?.metadata.annotations?.["nginx.ingress.kubernetes.io/proxy-body-size"] ?? "0", 10) >= 3);
  check(`${overlay}: no Secret value is committed`, !objects.some((o) => o.kind === "Secret" && (o.data || o.stringData)));
}

// compose agrees with the manifests and with what the services read
const compose = yaml.load(readFileSync(`${root}deploy/compose/compose.yaml`, "utf8"));
const properties = LIORA.concat(["whatsapp-sandbox", "common"]).map((m) => {
  const path = m === "common" ? `${root}common/src/main/resources/META-INF/microprofile-config.properties`
    : `${root}${m}/src/main/resources/application.properties`;
  return readFileSync(path, "utf8");
}).join("\n");
const prodObjects = yaml.loadAll(execFileSync("kubectl", ["kustomize", `${root}deploy/k8s/overlays/prod`], { encoding: "utf8" }));
for (const name of LIORA) {
  const service = compose.services[name];
  const deployment = prodObjects.find((o) => o && o.kind === "Deployment" && o.metadata.name === name);
  const port = deployment.spec.template.spec.containers[0].ports[0].containerPort;
  check(`compose: ${name} listens on ${port} as in Kubernetes`, (service?.ports ?? []).some((p) => String(p).endsWith(`:${port}`)));
  const health = JSON.stringify(service?.healthcheck?.test ?? "");
  const management = deployment.spec.template.spec.containers[0].ports.find((p) => p.name === "management").containerPort;
  check(`compose: ${name} is health-checked on its management port's /q/health/ready`,
    health.includes(`:${management}/q/health/ready`));
  const unknown = Object.keys(service?.environment ?? {}).filter((key) => key.startsWith("LIORA_") && !properties.includes(key));
  check(`compose: ${name} sets only settings the services read`, unknown.length === 0, unknown.join());
  check(`compose: ${name} builds from its Dockerfile.jvm`,
    service?.build?.dockerfile === "src/main/docker/Dockerfile.jvm" && readdirSync(`${root}${name}/src/main/docker`).includes("Dockerfile.jvm"));
}

const passed = results.filter(Boolean).length;
console.log(`deploy: ${passed} passed, ${results.length - passed} failed`);
process.exit(passed === results.length ? 0 : 1);
