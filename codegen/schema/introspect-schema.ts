import {
  buildClientSchema,
  getIntrospectionQuery,
  type GraphQLSchema,
  type IntrospectionOptions,
  type IntrospectionQuery,
} from 'graphql';

export interface IntrospectionTarget {
  endpoint: string;
  /** Sent as `Authorization: Bearer <apiKey>`; never shown in messages. */
  apiKey?: string;
  timeoutMs: number;
}

/** The schema could not be fetched; the message says what failed and what to check. */
export class IntrospectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntrospectionError';
  }
}

// Everything graphql 16 can introspect: descriptions, deprecated arguments, @specifiedBy, @oneOf.
const FULL: IntrospectionOptions = {
  descriptions: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  schemaDescription: true,
  inputValueDeprecation: true,
  oneOf: true,
};
// Older servers reject the newer introspection fields (e.g. isOneOf); this is what every server knows.
const BASIC: IntrospectionOptions = { descriptions: true };

interface GraphQLResponse {
  data?: Partial<IntrospectionQuery> | null;
  errors?: { message?: string }[];
}

const BODY_EXCERPT_LENGTH = 200;

/** Fetches an API's schema by introspection (POST, JSON), as graphql-js builds it on the client. */
export async function introspectSchema(target: IntrospectionTarget): Promise<GraphQLSchema> {
  let response = await post(target, getIntrospectionQuery(FULL));
  if (!response.data?.__schema && response.errors?.some((error) => /cannot query field|unknown argument/i.test(error.message ?? ''))) {
    response = await post(target, getIntrospectionQuery(BASIC));
  }
  const api = apiName(target);
  if (!response.data?.__schema) {
    if (response.errors?.length) {
      throw new IntrospectionError(
        `${api} answered the introspection query with errors:\n${listErrors(response.errors, target)}\n` +
          'Introspection may be disabled on this server (common in production): use an endpoint where it is on (e.g. staging), ' +
          "or get the API's SDL from its owners and save it as the schema file.",
      );
    }
    throw new IntrospectionError(`${api} answered without an introspection result (no data.__schema): check that the URL is the GraphQL endpoint itself.`);
  }
  try {
    return buildClientSchema(response.data as IntrospectionQuery);
  } catch (error) {
    throw new IntrospectionError(`${api} sent an introspection result graphql-js cannot build a schema from: ${(error as Error).message}`);
  }
}

async function post(target: IntrospectionTarget, query: string): Promise<GraphQLResponse> {
  const api = apiName(target);
  let response: Response;
  try {
    response = await fetch(target.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(target.apiKey ? { authorization: `Bearer ${target.apiKey}` } : {}),
      },
      body: JSON.stringify({ query }),
      signal: AbortSignal.timeout(target.timeoutMs),
    });
  } catch (error) {
    throw new IntrospectionError(explainFetchFailure(error, api, target.timeoutMs));
  }
  let body: string;
  try {
    body = await response.text();
  } catch (error) {
    throw new IntrospectionError(explainFetchFailure(error, api, target.timeoutMs));
  }
  const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  let parsed: GraphQLResponse | undefined;
  try {
    const json: unknown = JSON.parse(body);
    if (json && typeof json === 'object' && ('data' in json || 'errors' in json)) parsed = json as GraphQLResponse;
  } catch {
    // handled below: not JSON
  }
  if (response.status === 401 || response.status === 403) {
    const errors = parsed?.errors?.length ? `\n${listErrors(parsed.errors, target)}` : '';
    throw new IntrospectionError(
      `${api} answered ${status}: it rejected the credentials. ` +
        `${target.apiKey ? 'Check that API_KEY is a valid key for this API.' : 'Set API_KEY to a key for this API (sent as Authorization: Bearer <key>).'}${errors}`,
    );
  }
  if (response.status === 404) {
    throw new IntrospectionError(`${api} answered ${status}: nothing is served there. Check the URL (it usually ends in /graphql).`);
  }
  if (!parsed) {
    const contentType = response.headers.get('content-type') ?? 'no content type';
    throw new IntrospectionError(
      `${api} answered ${status} with a response that is not GraphQL JSON (${contentType}: ${excerpt(body, target)}). ` +
        'Check that the URL points at the GraphQL endpoint itself (often ending in /graphql).',
    );
  }
  if (!response.ok && !parsed.errors?.length) {
    throw new IntrospectionError(`${api} answered ${status}${response.status >= 500 ? ': a problem on the API side; try again later' : ''}. Body: ${excerpt(body, target)}`);
  }
  return parsed;
}

function explainFetchFailure(error: unknown, api: string, timeoutMs: number): string {
  const name = (error as { name?: string })?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return `${api} did not answer within ${timeoutMs} ms. Check that it is up, or allow more time with TIMEOUT (e.g. TIMEOUT=2m).`;
  }
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return `could not connect to ${api}: connection refused (ECONNREFUSED). Check that the API is running and that the URL has the right host and port.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `could not resolve the host of ${api} (${cause.code}). Check the URL for typos and the network/DNS.`;
    default:
      return `could not reach ${api} (${cause?.code ?? 'network error'}: ${cause?.message ?? (error as Error)?.message ?? String(error)}). Check the URL and the network.`;
  }
}

function apiName(target: IntrospectionTarget): string {
  return `the GraphQL API at ${target.endpoint}`;
}

function listErrors(errors: readonly { message?: string }[], target: IntrospectionTarget): string {
  const shown = errors.slice(0, 5).map((error) => `  - ${mask(String(error.message ?? JSON.stringify(error)), target)}`);
  if (errors.length > 5) shown.push(`  - …and ${errors.length - 5} more`);
  return shown.join('\n');
}

function excerpt(body: string, target: IntrospectionTarget): string {
  const flat = mask(body.replace(/\s+/g, ' ').trim(), target);
  if (flat.length === 0) return '(empty body)';
  return flat.length > BODY_EXCERPT_LENGTH ? `${flat.slice(0, BODY_EXCERPT_LENGTH)}…` : flat;
}

/** An API may echo the request back; the key must never reach the terminal or CI logs. */
function mask(text: string, target: IntrospectionTarget): string {
  return target.apiKey ? text.split(target.apiKey).join('***') : text;
}
