import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './helpers/paths.js';

interface EnvironmentVariable {
  name: string;
  description?: string;
  isSecret?: boolean;
  default?: string;
  choices?: string[];
}
interface Package {
  registryType: string;
  identifier: string;
  version?: string;
  transport: { type: string };
  environmentVariables?: EnvironmentVariable[];
}

const read = (file: string) => readFileSync(path.join(projectRoot, file), 'utf8');
const serverJson = JSON.parse(read('server.json')) as { name: string; description: string; version: string; packages: Package[] };
const packageJson = JSON.parse(read('package.json')) as { name: string; version: string; bin: Record<string, string> };

/** Every environment variable the server's source reads (`env.NAME`). */
function variablesReadBySource(): Set<string> {
  const names = new Set<string>();
  const srcDir = path.join(projectRoot, 'src');
  for (const file of readdirSync(srcDir, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts') || file.startsWith('demo')) continue;
    for (const match of readFileSync(path.join(srcDir, file), 'utf8').matchAll(/\benv\.([A-Z][A-Z0-9_]*)/g)) names.add(match[1]);
  }
  return names;
}

describe('server.json (MCP registry entry)', () => {
  it('has a registry-valid name and a short description, and the version of package.json', () => {
    expect(serverJson.name).toMatch(/^[a-zA-Z0-9.-]+\/[a-zA-Z0-9._-]+$/);
    expect(serverJson.description.length).toBeGreaterThan(0);
    expect(serverJson.description.length).toBeLessThanOrEqual(100);
    expect(serverJson.version).toBe(packageJson.version);
  });

  it('describes this npm package and its container image, both over stdio, at that version', () => {
    const npm = serverJson.packages.find((entry) => entry.registryType === 'npm')!;
    expect(npm).toMatchObject({ identifier: packageJson.name, version: packageJson.version, transport: { type: 'stdio' } });
    expect(Object.values(packageJson.bin)).toContain('dist/src/main.js');
    const oci = serverJson.packages.find((entry) => entry.registryType === 'oci')!;
    expect(oci.transport.type).toBe('stdio');
    expect(oci.identifier.endsWith(`/${packageJson.name}:${packageJson.version}`)).toBe(true);
  });

  it('lists only variables the server reads, the same in every package, with API_KEY secret', () => {
    const read = variablesReadBySource();
    const perPackage = serverJson.packages.map((entry) => (entry.environmentVariables ?? []).map((variable) => variable.name));
    for (const names of perPackage) {
      expect(names).toEqual(perPackage[0]);
      for (const name of names) expect(read, `${name} is in server.json but no src/ file reads it`).toContain(name);
    }
    expect(perPackage[0]).toEqual(expect.arrayContaining(['GRAPHQL_ENDPOINT', 'API_KEY']));
    for (const entry of serverJson.packages) {
      for (const variable of entry.environmentVariables ?? []) {
        expect(variable.description, variable.name).toBeTruthy();
        expect(Boolean(variable.isSecret), `${variable.name} isSecret`).toBe(/KEY|TOKEN|SECRET|PASSWORD/.test(variable.name));
      }
    }
  });

  it('names the same server as the image label the registry checks (Dockerfile default)', () => {
    const label = /^ARG MCP_SERVER_NAME=(\S+)$/m.exec(read('Dockerfile'))?.[1];
    expect(label).toBe(serverJson.name);
    expect(read('Dockerfile')).toContain('io.modelcontextprotocol.server.name="${MCP_SERVER_NAME}"');
  });
});
