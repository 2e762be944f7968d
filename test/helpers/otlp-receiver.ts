import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One OTLP/JSON export request as received: its path (/v1/traces, /v1/metrics) and body. */
export interface OtlpExport {
  path: string;
  body: Record<string, unknown>;
}

export interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };
}

export interface OtlpSpan {
  traceId: string;
  spanId: string;
  name: string;
  attributes: OtlpAttribute[];
  status?: { code?: number };
}

/** An OTLP/HTTP receiver on 127.0.0.1 (what a collector listens for on 4318), keeping every export. */
export async function startOtlpReceiver() {
  const exports: OtlpExport[] = [];
  const raw: string[] = [];
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      raw.push(text);
      const type = request.headers['content-type'] ?? '';
      exports.push({ path: request.url ?? '', body: type.includes('json') ? JSON.parse(text) : { unparsed: type } });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exports,
    /** Every byte received, to look for what must never be exported. */
    everything: () => raw.join('\n'),
    spans(): OtlpSpan[] {
      return exports
        .filter((item) => item.path === '/v1/traces')
        .flatMap((item) => (item.body.resourceSpans as { scopeSpans: { spans: OtlpSpan[] }[] }[]).flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans)));
    },
    metricNames(): string[] {
      return exports
        .filter((item) => item.path === '/v1/metrics')
        .flatMap((item) => (item.body.resourceMetrics as { scopeMetrics: { metrics: { name: string }[] }[] }[]).flatMap((resource) => resource.scopeMetrics.flatMap((scope) => scope.metrics.map((metric) => metric.name))));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function attribute(span: OtlpSpan, key: string): string | number | boolean | undefined {
  const value = span.attributes.find((item) => item.key === key)?.value;
  if (!value) return undefined;
  if (value.intValue !== undefined) return Number(value.intValue);
  return value.stringValue ?? value.boolValue ?? value.doubleValue;
}
