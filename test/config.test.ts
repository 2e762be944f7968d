import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_TIMEOUT_MS, loadConfig } from '../src/config/config.js';
import { builtServer } from './helpers/paths.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration from the environment', () => {
  it('defaults to the demo API over stdio, with info logs, a 30 s timeout and 2 retries', () => {
    expect(loadConfig({})).toEqual({
      endpoint: undefined,
      apiKey: undefined,
      logLevel: 'info',
      timeoutMs: DEFAULT_TIMEOUT_MS,
      retries: 2,
      transport: 'stdio',
      http: { host: '127.0.0.1', port: 8080, allowedOrigins: [], allowedHosts: undefined, clientKeyHeader: 'authorization' },
      outputSchemas: true,
      mutations: 'all',
      maskErrorDetails: false,
      maxResultTokens: 20_000,
      maxResponseBytes: 100 * 1024 * 1024,
      callDeadlineMs: 50_000,
      shutdownGraceMs: 10_000,
      prettyJson: false,
      trustedDocuments: 'off',
      inputMaxDepth: 100,
    });
  });

  it('reads TRUSTED_DOCUMENTS and names the choices on a bad value', () => {
    expect(loadConfig({ TRUSTED_DOCUMENTS: 'hash' }).trustedDocuments).toBe('hash');
    expect(() => loadConfig({ TRUSTED_DOCUMENTS: 'sha' })).toThrow(/TRUSTED_DOCUMENTS/);
  });

  it('reads the HTTP and behaviour settings, with --http overriding TRANSPORT', () => {
    const config = loadConfig(
      { TRANSPORT: 'stdio', PORT: '9090', HOST: '0.0.0.0', ALLOWED_ORIGINS: 'https://app.example.com, http://localhost:3000', ALLOWED_HOSTS: 'mcp.example.com', CLIENT_KEY_HEADER: 'X-Api-Key', OUTPUT_SCHEMAS: 'false', MUTATIONS: 'none', MASK_ERROR_DETAILS: 'yes', RETRIES: '0' },
      ['--http'],
    );
    expect(config).toMatchObject({
      transport: 'http',
      http: { host: '0.0.0.0', port: 9090, allowedOrigins: ['https://app.example.com', 'http://localhost:3000'], allowedHosts: ['mcp.example.com'], clientKeyHeader: 'x-api-key' },
      outputSchemas: false,
      mutations: 'none',
      maskErrorDetails: true,
      retries: 0,
    });
    expect(loadConfig({ CLIENT_KEY_HEADER: 'none' }).http.clientKeyHeader).toBeUndefined();
    expect(() => loadConfig({}, ['--htpp'])).toThrow(/unknown option --htpp: the server takes --http or --stdio/);
    expect(loadConfig({ TRANSPORT: 'HTTP' }).transport).toBe('http');
  });

  it('reads every variable', () => {
    expect(loadConfig({ GRAPHQL_ENDPOINT: 'https://api.example.com/graphql', API_KEY: 'k-1234567', LOG_LEVEL: 'DEBUG', TIMEOUT: '2.5s' })).toMatchObject({
      endpoint: 'https://api.example.com/graphql',
      apiKey: 'k-1234567',
      logLevel: 'debug',
      timeoutMs: 2500,
    });
    expect(loadConfig({ TIMEOUT: '750' }).timeoutMs).toBe(750);
    expect(loadConfig({ TIMEOUT: '1m' }).timeoutMs).toBe(60_000);
    expect(loadConfig({ MAX_RESULT_TOKENS: '5000', MAX_RESPONSE_BYTES: '2mb', CALL_DEADLINE: '20s', SHUTDOWN_GRACE: '500ms', RESULT_JSON: 'pretty' })).toMatchObject({
      maxResultTokens: 5000,
      maxResponseBytes: 2 * 1024 * 1024,
      callDeadlineMs: 20_000,
      shutdownGraceMs: 500,
      prettyJson: true,
    });
  });

  it('refuses keys too short to mask safely, and bad limits', () => {
    expect(problemsOf({ API_KEY: 'abc' })[0]).toMatch(/API_KEY is 3 character\(s\) long; keys shorter than 8 cannot be masked safely/);
    expect(problemsOf({ API_KEY: 'abcd1234' })).toEqual([]);
    expect(problemsOf({ MAX_RESULT_TOKENS: '10' })[0]).toMatch(/MAX_RESULT_TOKENS "10" must be a whole number from 1000/);
    expect(problemsOf({ MAX_RESPONSE_BYTES: 'huge' })[0]).toMatch(/MAX_RESPONSE_BYTES "huge" must be a size from 1kb to 1gb/);
    expect(problemsOf({ CALL_DEADLINE: '0' })[0]).toMatch(/CALL_DEADLINE "0" must be a duration/);
    expect(problemsOf({ RESULT_JSON: 'yaml' })[0]).toMatch(/RESULT_JSON "yaml" is not one of compact, pretty/);
  });

  it('names each bad variable and what would be right', () => {
    const problems = problemsOf({ GRAPHQL_ENDPOINT: 'api.example.com', API_KEY: 'Bearer abc', LOG_LEVEL: 'loud', TIMEOUT: '-5' });
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/GRAPHQL_ENDPOINT "api.example.com" is not a URL.*https:\/\/api.example.com\/graphql/);
    expect(problems[1]).toMatch(/API_KEY must be the bare key/);
    expect(problems[2]).toMatch(/LOG_LEVEL "loud" is not one of debug, info, warn, error, silent/);
    expect(problems[3]).toMatch(/TIMEOUT "-5" must be a duration/);
    expect(problemsOf({ GRAPHQL_ENDPOINT: 'ftp://x/graphql' })[0]).toMatch(/http:\/\/ or https:\/\//);
    expect(problemsOf({ GRAPHQL_ENDPOINT: 'https://user:pw@x/graphql' })[0]).toMatch(/must not contain credentials/);
    expect(problemsOf({ TIMEOUT: 'soon' })[0]).toMatch(/TIMEOUT "soon"/);
    expect(problemsOf({ PORT: '99999' })[0]).toMatch(/PORT "99999" must be a whole number from 0 to 65535/);
    expect(problemsOf({ TRANSPORT: 'carrier-pigeon' })[0]).toMatch(/TRANSPORT "carrier-pigeon" is not one of stdio, http/);
    expect(problemsOf({ OUTPUT_SCHEMAS: 'maybe' })[0]).toMatch(/OUTPUT_SCHEMAS "maybe" must be true or false/);
    expect(problemsOf({ MUTATIONS: 'some' })[0]).toMatch(/MUTATIONS "some" is not one of all, none/);
    expect(problemsOf({ ALLOWED_ORIGINS: 'example.com' })[0]).toMatch(/ALLOWED_ORIGINS entry "example.com" is not an origin/);
    expect(problemsOf({ CLIENT_KEY_HEADER: 'x api key' })[0]).toMatch(/CLIENT_KEY_HEADER/);
    expect(problemsOf({ RETRIES: '-1' })[0]).toMatch(/RETRIES "-1"/);
  });

  it('makes the server exit with code 78 and the message on stderr, writing nothing to stdout', () => {
    const result = spawnSync(process.execPath, [builtServer], {
      env: { PATH: process.env.PATH ?? '', GRAPHQL_ENDPOINT: 'not a url', TIMEOUT: 'never' },
      input: '',
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(78);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/Invalid configuration:\n {2}- GRAPHQL_ENDPOINT "not a url" is not a URL/);
    expect(result.stderr).toMatch(/TIMEOUT "never"/);
  });
});
