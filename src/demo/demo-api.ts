// Assembles the embedded demo GraphQL API: shipped schema + demo resolvers + API-key auth,
// usable in-process (fetch) or over HTTP (startDemoApi).

import { createHash, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, GraphQLScalarType, isEnumType, isObjectType, isScalarType, type GraphQLSchema } from 'graphql';
import { createSchema, createYoga, type Plugin, type YogaLogger } from 'graphql-yoga';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { createResolvers } from './resolvers.js';
import { APPOINTMENT_STATUSES, APPOINTMENT_TYPES, createSeedState, PATIENT_STATUSES, SPECIALTIES } from './seed.js';

export interface DemoApiOptions {
  /** Clients must send `Authorization: Bearer <apiKey>`. */
  apiKey: string;
  /** Defaults to <package root>/schema/schema.graphql. */
  schemaPath?: string;
  /**
   * Allowlist mode: only these operations run (hash -> document, generated/trusted-documents.json),
   * requested by hash; any other operation, and any query sent as text, is refused.
   */
  trustedDocuments?: Record<string, string>;
}

export const UNAUTHORIZED_MESSAGE = 'Missing or invalid API key: send Authorization: Bearer <key>.';

export function createDemoApi(options: DemoApiOptions) {
  if (typeof options.apiKey !== 'string' || options.apiKey.length === 0) {
    throw new Error('createDemoApi needs a non-empty apiKey.');
  }
  const packageRoot = findPackageRoot();
  const schemaPath = options.schemaPath ?? join(packageRoot, 'schema', 'schema.graphql');
  const typeDefs = readShippedSchema(schemaPath, packageRoot);
  const resolvers = createResolvers(createSeedState());
  assertSchemaMatchesResolvers(typeDefs, resolvers, displayPath(schemaPath, packageRoot));

  const handler = createYoga({
    schema: createSchema({ typeDefs, resolvers }),
    graphqlEndpoint: '/graphql',
    // stdout carries the MCP protocol when this runs inside the MCP server, so never log there.
    logging: stderrOnlyLogger,
    // Browsers cannot send the API key header, so the HTML pages would only ever show a 401.
    graphiql: false,
    landingPage: false,
    plugins: [
      useBearerApiKey(options.apiKey),
      ...(options.trustedDocuments ? [allowlistOnly(options.trustedDocuments)] : []),
    ],
  });

  // Lets a GraphQL client (e.g. graphql-request's `fetch` option) call the API with no socket.
  const inProcessFetch: typeof fetch = async (input, init) => handler.fetch(new Request(input, init));

  return { fetch: inProcessFetch, handler };
}

/** graphql-yoga's persisted-operations plugin over a manifest: unknown hashes and plain queries are refused. */
function allowlistOnly(manifest: Record<string, string>): Plugin {
  return usePersistedOperations({
    getPersistedOperation: (hash) => (Object.hasOwn(manifest, hash) ? manifest[hash] : null),
    allowArbitraryOperations: false,
  }) as Plugin;
}

export async function startDemoApi(
  options: DemoApiOptions & { port?: number; host?: string },
): Promise<{ url: string; close(): Promise<void> }> {
  const { handler } = createDemoApi(options);
  const host = options.host ?? '127.0.0.1';
  const requestedPort = options.port ?? 0;
  const server = createServer(handler);

  await new Promise<void>((resolve, reject) => {
    const onListenError = (error: Error) =>
      reject(new Error(`Could not start the demo API on ${host}:${requestedPort}: ${error.message}`));
    server.once('error', onListenError);
    server.listen(requestedPort, host, () => {
      server.off('error', onListenError);
      resolve();
    });
  });

  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}/graphql`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Idle keep-alive sockets would otherwise hold close() open for seconds.
        server.closeAllConnections();
      }),
  };
}

// ---------- auth ----------

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Rejects requests without the right bearer key; the body never repeats what was sent. */
function useBearerApiKey(apiKey: string): Plugin {
  const expectedDigest = sha256(apiKey);
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const match = /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '');
      // Comparing fixed-length digests in constant time avoids leaking the key through timing.
      if (match && timingSafeEqual(sha256(match[1]!.trim()), expectedDigest)) return;
      endResponse(
        new fetchAPI.Response(JSON.stringify({ errors: [{ message: UNAUTHORIZED_MESSAGE }] }), {
          status: 401,
          headers: { 'content-type': 'application/json; charset=utf-8', 'www-authenticate': 'Bearer' },
        }),
      );
    },
  };
}

const stderrOnlyLogger: YogaLogger = {
  debug: () => {},
  info: () => {},
  warn: (...args: unknown[]) => console.error(...args),
  error: (...args: unknown[]) => console.error(...args),
};

// ---------- schema ----------

/** Walks up from this file to package.json, so it works from src/demo and from dist/src/demo. */
function findPackageRoot(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(directory, 'package.json'))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error('Could not find package.json above the demo API source.');
    directory = parent;
  }
  return directory;
}

function displayPath(path: string, packageRoot: string): string {
  const fromRoot = relative(packageRoot, path);
  return fromRoot.startsWith('..') || isAbsolute(fromRoot) ? path : fromRoot.split('\\').join('/');
}

function schemaChangedError(shownPath: string, detail: string): Error {
  return new Error(
    `The embedded demo API only serves the shipped demo schema; ${shownPath} has been changed (${detail}). ` +
      `Set GRAPHQL_ENDPOINT to your own API.`,
  );
}

function readShippedSchema(schemaPath: string, packageRoot: string): string {
  try {
    return readFileSync(schemaPath, 'utf8');
  } catch (error) {
    throw schemaChangedError(displayPath(schemaPath, packageRoot), `it could not be read: ${(error as Error).message}`);
  }
}

const EXPECTED_ENUM_VALUES: Record<string, readonly string[]> = {
  PatientStatus: PATIENT_STATUSES,
  AppointmentStatus: APPOINTMENT_STATUSES,
  AppointmentType: APPOINTMENT_TYPES,
  Specialty: SPECIALTIES,
};

/**
 * The demo resolvers only make sense for the shipped schema. A user who swapped in their own API's
 * schema should get one plain message pointing at GRAPHQL_ENDPOINT, not a confusing resolver error.
 */
function assertSchemaMatchesResolvers(typeDefs: string, resolvers: object, shownPath: string): void {
  let schema: GraphQLSchema;
  try {
    schema = buildSchema(typeDefs);
  } catch (error) {
    throw schemaChangedError(shownPath, `it is not a valid schema: ${(error as Error).message}`);
  }
  const problems = findSchemaMismatches(schema, resolvers);
  if (problems.length > 0) {
    const shown = problems.slice(0, 5).join('; ');
    const more = problems.length > 5 ? `; and ${problems.length - 5} more` : '';
    throw schemaChangedError(shownPath, `${shown}${more}`);
  }
}

function findSchemaMismatches(schema: GraphQLSchema, resolvers: object): string[] {
  const problems: string[] = [];
  for (const [typeName, resolver] of Object.entries(resolvers)) {
    const type = schema.getType(typeName);
    if (!type) {
      problems.push(`type ${typeName} is missing`);
    } else if (resolver instanceof GraphQLScalarType) {
      if (!isScalarType(type)) problems.push(`${typeName} is not a scalar`);
    } else if (!isObjectType(type)) {
      problems.push(`${typeName} is not an object type`);
    } else {
      const fields = type.getFields();
      for (const fieldName of Object.keys(resolver as object)) {
        if (!fields[fieldName]) problems.push(`field ${typeName}.${fieldName} is missing`);
      }
    }
  }
  // Seed records carry these enum values; a schema without them would fail at serialization time.
  for (const [enumName, values] of Object.entries(EXPECTED_ENUM_VALUES)) {
    const type = schema.getType(enumName);
    if (!isEnumType(type)) {
      problems.push(`enum ${enumName} is missing`);
      continue;
    }
    const missing = values.filter((value) => !type.getValue(value));
    if (missing.length > 0) problems.push(`enum ${enumName} lacks ${missing.join(', ')}`);
  }
  return problems;
}
