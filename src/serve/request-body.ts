import type { IncomingMessage, ServerResponse } from 'node:http';

/** The SDK's own bound on a request body. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export type JsonBody = { ok: true; value: unknown } | { ok: false; status: number; code: number; message: string };

/**
 * Reads and parses a POST body once, so that the server for the request can be built for the
 * tools it calls (called-tools.ts); the SDK then takes the parsed value as is. Malformed JSON is
 * answered as the SDK answers it: -32700 in a JSON body, never echoing the body.
 */
export async function readJsonBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<JsonBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return { ok: false, status: 413, code: -32000, message: `Request body too large: the limit is ${limit} bytes` };
    chunks.push(chunk);
  }
  try {
    const text = Buffer.concat(chunks).toString('utf8');
    if (text.trim() === '') return { ok: false, status: 400, code: -32700, message: 'Parse error: the request body is empty' };
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, status: 400, code: -32700, message: 'Parse error: the request body is not valid JSON' };
  }
}

export function answerJsonRpcError(response: ServerResponse, { status, code, message }: { status: number; code: number; message: string }): void {
  // After a body that was not read to its end the connection cannot carry another request.
  response.writeHead(status, { 'content-type': 'application/json', ...(status === 413 ? { connection: 'close' } : {}) });
  response.end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}
