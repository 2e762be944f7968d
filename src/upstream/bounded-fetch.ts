/**
 * A fetch for graphql-request that never holds a huge answer whole: the body is streamed, counted
 * against MAX_RESPONSE_BYTES (past it the request is aborted and refused), JSON bodies are read
 * with the long lists cut (bounded-json.ts), and any other body keeps only a short excerpt (an HTML
 * error page must not become a 5 MB error text). graphql-request then parses the small result.
 */
import { BoundedJsonReader, type ListCut } from './bounded-json.js';

/** The first bytes of a body that is not JSON, for error texts. */
export const EXCERPT_BYTES = 2_048;

export interface BodyLimits {
  maxResponseBytes: number;
  /** Bytes of each list kept while reading; the result budget cuts further. */
  listBudgetBytes: number;
}

/** What reading one answer found, filled in by the fetch. */
export interface ReadReport {
  cuts: ListCut[];
  bytes: number;
}

export class ResponseTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`the answer is larger than ${limitBytes} bytes`);
    this.name = 'ResponseTooLargeError';
  }
}

/** A 2xx answer that is not JSON (e.g. an HTML page from a proxy or a wrong URL). */
export class NotJsonError extends Error {
  constructor(
    readonly contentType: string,
    readonly excerpt: string,
  ) {
    super(`the answer is ${contentType || 'of no content type'}, not JSON`);
    this.name = 'NotJsonError';
  }
}

export function boundedFetch(base: typeof fetch, limits: BodyLimits, report: ReadReport): typeof fetch {
  return async (input, init) => {
    const response = await base(input, init);
    const headers = new Headers();
    for (const name of ['content-type', 'retry-after']) {
      const value = response.headers.get(name);
      if (value !== null) headers.set(name, value);
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > limits.maxResponseBytes) {
      await response.body?.cancel().catch(() => {});
      throw new ResponseTooLargeError(limits.maxResponseBytes);
    }
    const contentType = response.headers.get('content-type') ?? '';
    const json = /json/i.test(contentType);
    // A declared size no larger than one list's budget: nothing to cut, so no streaming parse (the common case).
    const small = json && declared <= limits.listBudgetBytes;
    const text: { json?: string; excerpt: string } = small ? await readSmallJson(response, report) : json ? await readJson(response, limits, report) : await readExcerpt(response, report);
    if (text.json === undefined && response.ok) throw new NotJsonError(contentType, text.excerpt);
    return new Response(text.json ?? text.excerpt, { status: response.status, statusText: response.statusText, headers });
  };
}

async function readJson(response: Response, limits: BodyLimits, report: ReadReport): Promise<{ json?: string; excerpt: string }> {
  const reader = new BoundedJsonReader(limits.listBudgetBytes);
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let invalid = false;
  for await (const chunk of chunksOf(response)) {
    report.bytes += chunk.byteLength;
    if (report.bytes > limits.maxResponseBytes) throw new ResponseTooLargeError(limits.maxResponseBytes);
    if (headBytes < EXCERPT_BYTES) {
      head.push(chunk.subarray(0, EXCERPT_BYTES - headBytes));
      headBytes += Math.min(chunk.byteLength, EXCERPT_BYTES - headBytes);
    }
    if (invalid) continue;
    try {
      reader.write(chunk);
    } catch {
      // Not JSON after all: keep reading only as far as the excerpt needs.
      invalid = true;
      if (headBytes >= EXCERPT_BYTES) break;
    }
  }
  const excerpt = new TextDecoder().decode(Buffer.concat(head));
  if (invalid) return { excerpt };
  try {
    const { value, cuts } = reader.end();
    report.cuts = cuts;
    return { json: JSON.stringify(value), excerpt };
  } catch {
    return { excerpt };
  }
}

async function readSmallJson(response: Response, report: ReadReport): Promise<{ json?: string; excerpt: string }> {
  const body = await response.text();
  report.bytes += Buffer.byteLength(body);
  try {
    JSON.parse(body);
    return { json: body, excerpt: body.slice(0, EXCERPT_BYTES) };
  } catch {
    return { excerpt: body.slice(0, EXCERPT_BYTES) };
  }
}

async function readExcerpt(response: Response, report: ReadReport): Promise<{ excerpt: string }> {
  const head: Uint8Array[] = [];
  let headBytes = 0;
  for await (const chunk of chunksOf(response)) {
    report.bytes += chunk.byteLength;
    head.push(chunk.subarray(0, EXCERPT_BYTES - headBytes));
    headBytes += Math.min(chunk.byteLength, EXCERPT_BYTES - headBytes);
    if (headBytes >= EXCERPT_BYTES) break;
  }
  return { excerpt: new TextDecoder().decode(Buffer.concat(head)) };
}

/** The body's chunks; leaving the loop early (break, throw) cancels the rest of the download. */
async function* chunksOf(response: Response): AsyncGenerator<Uint8Array> {
  if (!response.body) return;
  const reader = response.body.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => {});
  }
}
