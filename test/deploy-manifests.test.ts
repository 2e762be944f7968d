import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadConfig, type Environment } from '../src/config/config.js';
import { startHttpServerProcess } from './helpers/mcp-http.js';
import { projectRoot } from './helpers/paths.js';

const dir = path.join(projectRoot, 'deploy/kubernetes');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Manifest = any;

function manifests(file: string): Manifest[] {
  return parseAllDocuments(readFileSync(path.join(dir, file), 'utf8')).map((document) => {
    expect(document.errors, file).toEqual([]);
    return document.toJS();
  });
}

const [deployment] = manifests('deployment.yaml');
const [service] = manifests('service.yaml');
const [hpa] = manifests('hpa.yaml');
const [pdb] = manifests('pdb.yaml');
const [secret] = manifests('secret.example.yaml');
const container = deployment.spec.template.spec.containers[0];
const env: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[] = container.env;

/** The container's environment as the server would see it (secrets filled with placeholder values). */
function containerEnvironment(): Environment {
  return Object.fromEntries(env.map((variable) => [variable.name, variable.value ?? `value-of-${variable.valueFrom?.secretKeyRef?.key}`]));
}

describe('Kubernetes manifests in deploy/kubernetes', () => {
  it('kustomization lists every manifest but the example Secret', () => {
    const [kustomization] = manifests('kustomization.yaml');
    expect(kustomization.resources.sort()).toEqual(['deployment.yaml', 'hpa.yaml', 'pdb.yaml', 'service.yaml']);
  });

  it('sets only variables the server reads, with values its configuration accepts', () => {
    const read = new Set<string>();
    const tracked = new Proxy(containerEnvironment(), {
      get(target, name: string) {
        read.add(name);
        return target[name];
      },
    });
    expect(() => loadConfig(tracked, container.args)).not.toThrow();
    for (const variable of env) expect(read, `${variable.name} is not a setting of the server`).toContain(variable.name);
    // The commented-out OAuth and telemetry settings are real settings too.
    const commented = [...readFileSync(path.join(dir, 'deployment.yaml'), 'utf8').matchAll(/#\s*- name: ([A-Z_]+)/g)].map((match) => match[1]!);
    expect(commented.length).toBeGreaterThan(0);
    for (const name of commented) expect(read, `${name} (commented out) is not a setting of the server`).toContain(name);
  });

  it('takes the API key from the Secret the example creates', () => {
    const apiKey = env.find((variable) => variable.name === 'API_KEY')!;
    expect(apiKey.value).toBeUndefined();
    expect(apiKey.valueFrom?.secretKeyRef?.name).toBe(secret.metadata.name);
    expect(Object.keys(secret.stringData)).toContain(apiKey.valueFrom?.secretKeyRef?.key);
  });

  it('runs as the image\'s non-root user on a read-only root file system, with no privileges', () => {
    const pod = deployment.spec.template.spec;
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(readFileSync(path.join(projectRoot, 'Dockerfile'), 'utf8')).toMatch(/^USER node$/m);
    expect(pod.securityContext.runAsUser).toBe(1000); // node's uid in the Node.js images
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
  });

  it('probes /health on the port the server listens on, with a Host the server accepts, and the real server answers it', async () => {
    const config = loadConfig(containerEnvironment(), container.args);
    const port = container.ports.find((candidate: { name: string }) => candidate.name === 'http');
    expect(port.containerPort).toBe(config.http.port);
    for (const probe of [container.readinessProbe, container.livenessProbe]) {
      expect(probe.httpGet.port).toBe('http');
      const host = probe.httpGet.httpHeaders.find((header: { name: string }) => header.name === 'Host').value;
      expect(config.http.allowedHosts).toContain(host);
    }
    // The built server, with the manifest's settings but on 127.0.0.1 and the demo API, answers the probe.
    const { GRAPHQL_ENDPOINT: _endpoint, API_KEY: _key, HOST: _host, PORT: _port, ...settings } = containerEnvironment();
    const server = await startHttpServerProcess(settings as Record<string, string>);
    try {
      const probe = container.readinessProbe.httpGet;
      const url = new URL(probe.path, server.url);
      const { request } = await import('node:http');
      const status = await new Promise<number>((resolve, reject) => {
        request(url, { headers: { host: probe.httpHeaders[0].value } }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        }).on('error', reject).end();
      });
      expect(status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('Service, HorizontalPodAutoscaler and PodDisruptionBudget point at the Deployment\'s pods', () => {
    const labels = deployment.spec.template.metadata.labels;
    expect(deployment.spec.selector.matchLabels).toEqual(labels);
    expect(service.spec.selector).toEqual(labels);
    expect(service.spec.sessionAffinity ?? 'None').toBe('None');
    expect(service.spec.ports[0].targetPort).toBe('http');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata.name });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(pdb.spec.selector.matchLabels).toEqual(labels);
    expect(pdb.spec.minAvailable).toBeLessThan(hpa.spec.minReplicas);
  });
});
