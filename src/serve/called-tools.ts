import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The tools the HTTP request being served calls, so that its server (one per request) registers
 * only those: with a thousand tools, registering all of them per request costs milliseconds.
 * The SDK calls our factory inside the request's async context, where this store is readable.
 */
const current = new AsyncLocalStorage<ReadonlySet<string>>();

export function servingCallsIn<T>(body: unknown, serve: () => T): T {
  return current.run(toolsCalledIn(body), serve);
}

/** The tools the current request calls; undefined outside an HTTP request (stdio, GET streams). */
export function calledTools(): ReadonlySet<string> | undefined {
  return current.getStore();
}

function toolsCalledIn(body: unknown): ReadonlySet<string> {
  const messages = Array.isArray(body) ? body : [body];
  return new Set(
    messages.flatMap((message) => {
      const { method, params } = (message ?? {}) as { method?: unknown; params?: { name?: unknown } };
      return method === 'tools/call' && typeof params?.name === 'string' ? [params.name] : [];
    }),
  );
}
