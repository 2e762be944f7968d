import type { ScalarMapping } from '../codegen/make-config.js';

/**
 * GitHub's custom scalars (from @octokit/graphql-schema), mapped as a real project would map them:
 * all travel as JSON strings; the zod schemas check their documented formats.
 */
export const GITHUB_SCALARS: Record<string, ScalarMapping> = {
  Base64String: { type: 'string', schema: 'z.base64()' },
  BigInt: { type: 'string', schema: String.raw`z.string().regex(/^-?\d+$/, "expected an integer as a string")` },
  Date: { type: 'string', schema: 'z.iso.date()' },
  DateTime: { type: 'string', schema: 'z.iso.datetime({ offset: true })' },
  GitObjectID: { type: 'string', schema: String.raw`z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/, "expected a 40- or 64-hex-digit Git object id")` },
  GitRefname: { type: 'string', schema: 'z.string()' },
  GitSSHRemote: { type: 'string', schema: 'z.string()' },
  GitTimestamp: { type: 'string', schema: 'z.iso.datetime({ offset: true })' },
  HTML: { type: 'string', schema: 'z.string()' },
  PreciseDateTime: { type: 'string', schema: 'z.iso.datetime({ offset: true, precision: 3 })' },
  URI: { type: 'string', schema: 'z.url()' },
  X509Certificate: { type: 'string', schema: 'z.string()' },
};
