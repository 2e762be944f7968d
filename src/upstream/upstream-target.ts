import { randomUUID } from 'node:crypto';
import type { ServerConfig } from '../config/config.js';
import { CHARACTERS_PER_TOKEN } from '../config/token-count.js';
import path from 'node:path';
import { packageRoot } from '../config/package-info.js';
import { DEFAULT_RETRY_POLICY } from './retry-policy.js';
import { readTrustedDocuments } from './trusted-documents.js';
import type { UpstreamOptions } from './upstream-client.js';

export interface UpstreamTarget {
  options: UpstreamOptions;
  /** How error texts and logs name the API. */
  label: string;
  demo: boolean;
}

/**
 * The configured GraphQL API, or, when GRAPHQL_ENDPOINT is unset, the embedded demo API answering
 * in-process through its fetch handler (no port to open, nothing to clean up). The demo API
 * (graphql-yoga) is only loaded when used: it costs a real API's users ~300 ms of start-up.
 */
export async function resolveUpstreamTarget(config: ServerConfig): Promise<UpstreamTarget> {
  const retry = { ...DEFAULT_RETRY_POLICY, retries: config.retries };
  const sendDocumentHashes = config.trustedDocuments === 'hash';
  const limits = {
    deadlineMs: config.callDeadlineMs,
    maxResponseBytes: config.maxResponseBytes,
    // A list longer than a whole result could never be shown: stop keeping it there.
    listBudgetBytes: config.maxResultTokens * CHARACTERS_PER_TOKEN,
  };
  if (config.endpoint) {
    return {
      options: { endpoint: config.endpoint, apiKey: config.apiKey, timeoutMs: config.timeoutMs, retry, ...limits, sendDocumentHashes },
      label: config.endpoint,
      demo: false,
    };
  }
  const apiKey = config.apiKey ?? randomUUID();
  const { createDemoApi } = await import('../demo/demo-api.js');
  // Sending hashes, the demo API allowlists exactly the operations codegen wrote.
  const trustedDocuments = sendDocumentHashes ? readTrustedDocuments(path.join(packageRoot(), 'generated/trusted-documents.json')) : undefined;
  const demo = createDemoApi({ apiKey, trustedDocuments });
  return {
    options: { endpoint: 'http://demo.localhost/graphql', apiKey, timeoutMs: config.timeoutMs, retry, ...limits, fetch: demo.fetch, sendDocumentHashes },
    label: 'the embedded demo API',
    demo: true,
  };
}
