import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  headers: IncomingMessage['headers'];
  /** performance.now() when the request arrived. */
  receivedAt: number;
  /** The client went away before an answer was sent (e.g. a cancelled call). */
  abandoned: boolean;
  body: { query?: string; variables?: Record<string, unknown>; operationName?: string };
}

export type UpstreamBehaviour = (request: RecordedRequest, response: ServerResponse) => void;

/** A GraphQL endpoint on 127.0.0.1 whose answers a test scripts, recording every request. */
export async function startFakeUpstream(behaviour: UpstreamBehaviour) {
  const requests: RecordedRequest[] = [];
  let current = behaviour;
  const server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    request.on('end', () => {
      const recorded: RecordedRequest = { headers: request.headers, receivedAt: performance.now(), abandoned: false, body: raw ? JSON.parse(raw) : {} };
      response.on('close', () => {
        if (!response.writableEnded) recorded.abandoned = true;
      });
      requests.push(recorded);
      current(recorded, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    requests,
    respondWith(next: UpstreamBehaviour) {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
