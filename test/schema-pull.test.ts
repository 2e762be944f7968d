import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { buildSchema, introspectionFromSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoApi } from '../src/demo/demo-api.js';
import { json, startFakeUpstream } from './helpers/fake-upstream.js';
import { runNpmScript } from './helpers/run-cli.js';
import { createTempProject } from './helpers/temp-project.js';

const API_KEY = 'pull-test-secret-key';

/** Every file under a folder, by relative path, with its content. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .sort()
      .map((entry) => [entry, readFileSync(path.join(dir, entry), 'utf8')]),
  );
}

/** A port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('npm run schema:pull from the demo API on 127.0.0.1', () => {
  let demo: Awaited<ReturnType<typeof startDemoApi>>;
  beforeAll(async () => {
    demo = await startDemoApi({ apiKey: API_KEY });
  });
  afterAll(async () => demo?.close());

  it('round-trips: DateTime, Date and @oneOf survive, and codegen then writes the same generated/', async () => {
    const project = createTempProject();
    const baseline = await project.codegen();
    expect(baseline.stderr).toMatch(/codegen: wrote/);
    const generatedBefore = snapshot(project.file('generated'));

    const pull = await runNpmScript(project.root, 'schema:pull', [], { GRAPHQL_ENDPOINT: demo.url, API_KEY });
    expect(pull.code, pull.stderr).toBe(0);
    expect(pull.stderr).toMatch(new RegExp(`^schema:pull: schema/schema\\.graphql from ${demo.url.replace(/[.]/g, '\\.')}: .*15 types`, 'm'));
    expect(pull.stderr).not.toContain(API_KEY);

    const pulled = project.read('schema/schema.graphql');
    expect(pulled).toContain('scalar DateTime');
    expect(pulled).toContain('scalar Date\n');
    expect(pulled).toMatch(/^input PatientLookup @oneOf \{$/m);
    // Types in name order; enum values keep the API's order (not sorted).
    const typeNames = [...pulled.matchAll(/^(?:type|input|enum|scalar|interface|union) (\w+)/gm)].map((match) => match[1]);
    expect(typeNames).toEqual([...typeNames].sort());
    expect(pulled).toMatch(/enum AppointmentStatus \{[^}]*SCHEDULED[^}]*COMPLETED[^}]*CANCELLED[^}]*NO_SHOW/);

    const regenerated = await project.codegen();
    expect(regenerated.stderr).toMatch(/codegen: wrote/);
    expect(snapshot(project.file('generated'))).toEqual(generatedBefore);

    const again = await runNpmScript(project.root, 'schema:pull', ['--endpoint', demo.url], { API_KEY });
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/: unchanged, 15 types\.$/m);
    expect(project.read('schema/schema.graphql')).toBe(pulled);
  });

  it('writes to --out instead when given', async () => {
    const project = createTempProject();
    const before = project.read('schema/schema.graphql');
    const pull = await runNpmScript(project.root, 'schema:pull', ['--out', 'pulled/api.graphql'], { GRAPHQL_ENDPOINT: demo.url, API_KEY });
    expect(pull.code, pull.stderr).toBe(0);
    expect(pull.stderr).toMatch(/schema:pull: pulled\/api\.graphql from .*: written \(new file\), 15 types\./);
    expect(() => buildSchema(project.read('pulled/api.graphql'))).not.toThrow();
    expect(project.read('schema/schema.graphql')).toBe(before);
  });

  it('fails with exit 1 and leaves the schema file alone when the key is wrong (401)', async () => {
    const project = createTempProject();
    const before = project.read('schema/schema.graphql');
    const pull = await runNpmScript(project.root, 'schema:pull', [], { GRAPHQL_ENDPOINT: demo.url, API_KEY: 'wrong-key' });
    expect(pull.code).toBe(1);
    expect(pull.stderr).toMatch(/answered HTTP 401 Unauthorized: it rejected the credentials\. Check that API_KEY is a valid key for this API\./);
    expect(pull.stderr).not.toContain('wrong-key');
    expect(project.read('schema/schema.graphql')).toBe(before);
    expect(readdirSync(project.file('schema'))).toEqual(['schema.graphql']);
  });
});

describe('npm run schema:pull failing cleanly', () => {
  let project: ReturnType<typeof createTempProject>;
  let before: string;
  beforeAll(() => {
    project = createTempProject();
    before = project.read('schema/schema.graphql');
  });
  const expectUntouched = () => {
    expect(project.read('schema/schema.graphql')).toBe(before);
    expect(readdirSync(project.file('schema'))).toEqual(['schema.graphql']);
  };

  it('when the connection is refused', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/graphql`;
    const pull = await runNpmScript(project.root, 'schema:pull', [], { GRAPHQL_ENDPOINT: url });
    expect(pull.code).toBe(1);
    expect(pull.stderr).toContain(`could not connect to the GraphQL API at ${url}: connection refused (ECONNREFUSED)`);
    expectUntouched();
  });

  it('when introspection is disabled, when the answer is not GraphQL, and when the API does not answer in time', async () => {
    const upstream = await startFakeUpstream((_request, response) =>
      json(response, 400, { errors: [{ message: 'GraphQL introspection is not allowed, but the query contained __schema or __type.' }] }),
    );
    try {
      const disabled = await runNpmScript(project.root, 'schema:pull', [], { GRAPHQL_ENDPOINT: upstream.url });
      expect(disabled.code).toBe(1);
      expect(disabled.stderr).toMatch(/answered the introspection query with errors:\n {2}- GraphQL introspection is not allowed.*\nIntrospection may be disabled on this server/);
      expectUntouched();

      upstream.respondWith((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end('<!doctype html><title>Welcome</title>');
      });
      const html = await runNpmScript(project.root, 'schema:pull', [], { GRAPHQL_ENDPOINT: upstream.url });
      expect(html.code).toBe(1);
      expect(html.stderr).toContain('answered HTTP 200 OK with a response that is not GraphQL JSON (text/html: <!doctype html><title>Welcome</title>)');
      expectUntouched();

      upstream.respondWith(() => {}); // never answers
      const slow = await runNpmScript(project.root, 'schema:pull', [], { GRAPHQL_ENDPOINT: upstream.url, TIMEOUT: '500ms' });
      expect(slow.code).toBe(1);
      expect(slow.stderr).toContain(`the GraphQL API at ${upstream.url} did not answer within 500 ms`);
      expectUntouched();
    } finally {
      await upstream.close();
    }
  });

  it('when the API describes a schema that is not valid', async () => {
    const types = [{ kind: 'OBJECT', name: 'Query', fields: [], interfaces: [] }];
    const upstream = await startFakeUpstream((_request, response) =>
      json(response, 200, { data: { __schema: { queryType: { name: 'Query' }, mutationType: null, subscriptionType: null, types, directives: [] } } }),
    );
    try {
      const pull = await runNpmScript(project.root, 'schema:pull', [], { GRAPHQL_ENDPOINT: upstream.url });
      expect(pull.code).toBe(1);
      expect(pull.stderr).toContain(`the schema of ${upstream.url} is not a valid schema:\n  - Type Query must define one or more fields.\nschema/schema.graphql was left as it was.`);
      expectUntouched();
    } finally {
      await upstream.close();
    }
  });

  it('falls back to plain introspection for a server that does not know isOneOf', async () => {
    const legacy = introspectionFromSchema(buildSchema('type Query {\n  "Hello."\n  hello(name: String): String\n}\n'));
    const upstream = await startFakeUpstream((request, response) => {
      if (request.body.query?.includes('isOneOf')) {
        json(response, 200, { errors: [{ message: 'Cannot query field "isOneOf" on type "__Type".' }] });
      } else {
        json(response, 200, { data: legacy });
      }
    });
    try {
      const pull = await runNpmScript(project.root, 'schema:pull', ['--out', 'legacy.graphql'], { GRAPHQL_ENDPOINT: upstream.url, API_KEY });
      expect(pull.code, pull.stderr).toBe(0);
      expect(upstream.requests).toHaveLength(2);
      expect(upstream.requests[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
      expect(project.read('legacy.graphql')).toBe('type Query {\n  """Hello."""\n  hello(name: String): String\n}\n');
    } finally {
      await upstream.close();
    }
  });

  it('exits 2 without an endpoint, or with one that is not a URL', async () => {
    const none = await runNpmScript(project.root, 'schema:pull');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^GRAPHQL_ENDPOINT is not set: set it to your API's URL/m);
    const bad = await runNpmScript(project.root, 'schema:pull', ['--endpoint', 'localhost:4000']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Invalid configuration:\n {2}- --endpoint must be an http:\/\/ or https:\/\/ URL/);
    expectUntouched();
  });
});
