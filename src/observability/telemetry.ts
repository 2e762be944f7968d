/**
 * OpenTelemetry for tool calls: a span per call, counters and a duration histogram per tool, and
 * the W3C trace context for the upstream request. Off unless OTEL_EXPORTER_OTLP_ENDPOINT is set;
 * then the OpenTelemetry SDK is imported (lazily, so start-up without it loads none of it).
 */
import type { Logger } from './logger.js';

/** What a tool call's span and metrics say: never argument values, never keys. */
export interface ToolCallFacts {
  tool: string;
  operation: string;
  kind: 'query' | 'mutation';
  /** The caller's W3C trace context (`traceparent`, `tracestate` in the request's `_meta`): the span joins its trace. */
  parent?: Record<string, unknown>;
}

export interface ToolCallOutcome {
  /** `ok`, `tool_error` (GraphQL errors, schema drift) or the upstream failure kind (`timeout`, `http`, …). */
  outcome: string;
  attempts: number;
  /** The upstream's HTTP status, when there was an answer. */
  upstreamStatus?: number;
}

export interface ToolCallSpan {
  /** Headers that carry this span's trace context to the upstream (`traceparent`, `tracestate`). */
  traceHeaders(): Record<string, string>;
  end(outcome: ToolCallOutcome): void;
}

export interface Telemetry {
  readonly enabled: boolean;
  startToolCall(facts: ToolCallFacts): ToolCallSpan;
  /** Flushes what is buffered; called on shutdown. */
  shutdown(): Promise<void>;
}

const noSpan: ToolCallSpan = { traceHeaders: () => ({}), end: () => {} };

export const noTelemetry: Telemetry = {
  enabled: false,
  startToolCall: () => noSpan,
  shutdown: async () => {},
};

/** Starts OpenTelemetry when an OTLP endpoint is configured; otherwise returns a no-op at no cost. */
export async function startTelemetry(otlpEndpoint: string | undefined, logger: Logger, serviceVersion: string): Promise<Telemetry> {
  if (!otlpEndpoint) return noTelemetry;
  const { startOpenTelemetry } = await import('./open-telemetry.js');
  const telemetry = startOpenTelemetry(serviceVersion, logger);
  logger.info('OpenTelemetry on: traces and metrics go to the OTLP endpoint', { endpoint: otlpEndpoint });
  return telemetry;
}
