// Runs the demo API as its own process: `tsx src/demo/serve.ts` or `node dist/src/demo/serve.js`.
// Output goes to stderr, matching the rule that the demo API never writes to stdout.

import { readTrustedDocuments } from '../upstream/trusted-documents.js';
import { startDemoApi } from './demo-api.js';

const DEFAULT_API_KEY = 'demo-key';

function readPort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 4000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a whole number from 0 to 65535; got "${raw}".`);
    process.exit(1);
  }
  return port;
}

const host = process.env.HOST || '127.0.0.1';
const port = readPort(process.env.PORT);
const apiKey = process.env.API_KEY || DEFAULT_API_KEY;
// Allowlist mode: TRUSTED_DOCUMENTS_FILE=generated/trusted-documents.json runs only those operations.
const manifestFile = process.env.TRUSTED_DOCUMENTS_FILE;

try {
  const trustedDocuments = manifestFile ? readTrustedDocuments(manifestFile) : undefined;
  const api = await startDemoApi({ apiKey, host, port, trustedDocuments });
  console.error(`Demo GraphQL API listening on ${api.url}`);
  if (trustedDocuments) console.error(`Allowlist mode: only the ${Object.keys(trustedDocuments).length} operations of ${manifestFile}, sent by hash.`);
  // Only the public default key is printed; a key chosen via API_KEY stays out of logs.
  console.error(
    apiKey === DEFAULT_API_KEY
      ? `Send "Authorization: Bearer ${DEFAULT_API_KEY}" (set API_KEY to choose another key).`
      : 'Send "Authorization: Bearer <the value of API_KEY>".',
  );
  const shutDown = () => {
    api.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutDown);
  process.once('SIGTERM', shutDown);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
