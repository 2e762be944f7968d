/**
 * The OpenTelemetry side of telemetry.ts, imported only when OTEL_EXPORTER_OTLP_ENDPOINT is set.
 * The Node SDK reads the standard OTEL_* variables (endpoint, headers, service name, sampler,
 * export intervals); traces and metrics leave over OTLP/HTTP.
 */
import { context, metrics, propagation, ROOT_CONTEXT, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { Logger } from './logger.js';
import type { Telemetry, ToolCallFacts, ToolCallOutcome, ToolCallSpan } from './telemetry.js';

const SCOPE = 'graphql-ops-mcp';

export function startOpenTelemetry(serviceVersion: string, logger: Logger): Telemetry {
  const sdk = new NodeSDK({
    serviceName: process.env.OTEL_SERVICE_NAME || 'graphql-ops-mcp',
    traceExporter: new OTLPTraceExporter(),
    metricReaders: [new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter() })],
    // No auto-instrumentation: the spans that matter are the tool calls, made below.
    instrumentations: [],
  });
  sdk.start();
  const tracer = trace.getTracer(SCOPE, serviceVersion);
  const instruments = metrics.getMeter(SCOPE, serviceVersion);
  const calls = instruments.createCounter('mcp.tool.calls', { description: 'Tool calls, by tool and outcome' });
  const failures = instruments.createCounter('mcp.tool.errors', { description: 'Tool calls that ended in an error result, by tool and outcome' });
  const duration = instruments.createHistogram('mcp.tool.duration', { description: 'Duration of tool calls, upstream retries included', unit: 's' });

  return {
    enabled: true,
    startToolCall(facts: ToolCallFacts): ToolCallSpan {
      const started = performance.now();
      const carrier: Record<string, string> = {};
      for (const key of ['traceparent', 'tracestate'] as const) {
        const value = facts.parent?.[key];
        if (typeof value === 'string') carrier[key] = value;
      }
      const parent = propagation.extract(ROOT_CONTEXT, carrier);
      const span = tracer.startSpan(`tools/call ${facts.tool}`, {
        attributes: {
          'mcp.method.name': 'tools/call',
          'gen_ai.operation.name': 'execute_tool',
          'gen_ai.tool.name': facts.tool,
          'graphql.operation.name': facts.operation,
          'graphql.operation.type': facts.kind,
        },
      }, parent);
      return {
        traceHeaders() {
          const headers: Record<string, string> = {};
          propagation.inject(trace.setSpan(context.active(), span), headers);
          return headers;
        },
        end(result: ToolCallOutcome) {
          const attributes: Attributes = { 'graphql_ops.outcome': result.outcome, 'graphql_ops.attempts': result.attempts };
          if (result.upstreamStatus !== undefined) attributes['http.response.status_code'] = result.upstreamStatus;
          span.setAttributes(attributes);
          if (result.outcome !== 'ok') span.setStatus({ code: SpanStatusCode.ERROR, message: result.outcome });
          span.end();
          const metricAttributes = { tool: facts.tool, kind: facts.kind, outcome: result.outcome };
          calls.add(1, metricAttributes);
          if (result.outcome !== 'ok') failures.add(1, metricAttributes);
          duration.record((performance.now() - started) / 1000, { tool: facts.tool, kind: facts.kind });
        },
      };
    },
    async shutdown() {
      await sdk.shutdown().catch((error: unknown) => logger.warn('OpenTelemetry did not flush on shutdown', { error: String(error) }));
    },
  };
}
