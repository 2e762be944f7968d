import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * Trusted documents (persisted operations): every operation the server can send is known at build
 * time, so codegen writes generated/trusted-documents.json (sha256 hex of the exact query text ->
 * the text) for an API to allowlist, and with TRUSTED_DOCUMENTS=hash the server sends only the hash,
 * in the form graphql-yoga's persisted-operations plugin, Apollo and Hive read:
 * `{ "extensions": { "persistedQuery": { "version": 1, "sha256Hash": "…" } } }`.
 */
export type TrustedDocumentsManifest = Record<string, string>;

export function documentHash(query: string): string {
  return createHash('sha256').update(query).digest('hex');
}

/** The manifest of a set of tools' queries, in their order. */
export function trustedDocumentsManifest(queries: readonly string[]): TrustedDocumentsManifest {
  return Object.fromEntries(queries.map((query) => [documentHash(query), query]));
}

export function readTrustedDocuments(file: string): TrustedDocumentsManifest {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`trusted documents manifest ${file} cannot be read (${(error as Error).message}): run npm run codegen`);
  }
  if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest)) throw new Error(`${file} is not a trusted documents manifest (an object of hash -> document)`);
  return manifest as TrustedDocumentsManifest;
}

/**
 * Wraps a fetch so GraphQL requests carry the hash of their query instead of its text. The body
 * graphql-request builds is rewritten; anything else passes through untouched.
 */
export function sendingDocumentHashes(baseFetch: typeof fetch): typeof fetch {
  return (input, init) => {
    if (typeof init?.body !== 'string') return baseFetch(input, init);
    let body: { query?: unknown; extensions?: Record<string, unknown> };
    try {
      body = JSON.parse(init.body) as typeof body;
    } catch {
      return baseFetch(input, init);
    }
    if (typeof body.query !== 'string' || Array.isArray(body)) return baseFetch(input, init);
    const { query, ...rest } = body;
    const persisted = { ...rest, extensions: { ...rest.extensions, persistedQuery: { version: 1, sha256Hash: documentHash(query) } } };
    return baseFetch(input, { ...init, body: JSON.stringify(persisted) });
  };
}
