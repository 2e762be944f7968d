import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_TIMEOUT_MS, loadConfig } from '../src/config.js';
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
  it('defaults to the demo API with info logs and a 30 s timeout', () => {
    expect(loadConfig({})).toEqual({ endpoint: undefined, apiKey: undefined, logLevel: 'info', timeoutMs: DEFAULT_TIMEOUT_MS });
  });

  it('reads every variable', () => {
    expect(loadConfig({ GRAPHQL_ENDPOINT: 'https://api.example.com/graphql', API_KEY: 'k-123', LOG_LEVEL: 'DEBUG', TIMEOUT: '2.5s' })).toEqual({
      endpoint: 'https://api.example.com/graphql',
      apiKey: 'k-123',
      logLevel: 'debug',
      timeoutMs: 2500,
    });
    expect(loadConfig({ TIMEOUT: '750' }).timeoutMs).toBe(750);
    expect(loadConfig({ TIMEOUT: '1m' }).timeoutMs).toBe(60_000);
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
