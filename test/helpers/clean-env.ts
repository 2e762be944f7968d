/** Every variable the server and its commands read (see src/config/config.ts). */
const SERVER_VARIABLES = [
  'GRAPHQL_ENDPOINT', 'API_KEY', 'TIMEOUT', 'LOG_LEVEL', 'RETRIES', 'TRANSPORT', 'PORT', 'HOST', 'ALLOWED_ORIGINS',
  'ALLOWED_HOSTS', 'CLIENT_KEY_HEADER', 'OUTPUT_SCHEMAS', 'MUTATIONS', 'MASK_ERROR_DETAILS',
  'MAX_RESULT_TOKENS', 'MAX_RESPONSE_BYTES', 'CALL_DEADLINE', 'SHUTDOWN_GRACE', 'RESULT_JSON',
  'TRUSTED_DOCUMENTS', 'INPUT_MAX_DEPTH',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'AUTH_ISSUER', 'AUTH_AUDIENCE', 'AUTH_RESOURCE_URL', 'AUTH_JWKS_URL', 'AUTH_ALGORITHMS', 'AUTH_READ_SCOPE', 'AUTH_WRITE_SCOPE', 'AUTH_FORWARD_TOKEN',
];

/** This process's environment without the server's settings: tests set those explicitly, never inherit them. */
export function environmentWithoutServerSettings(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined && !SERVER_VARIABLES.includes(entry[0])),
  );
}
