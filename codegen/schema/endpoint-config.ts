import { ConfigError, loadConfig } from '../../src/config/config.js';
import { UsageError } from '../cli.js';
import type { IntrospectionTarget } from './introspect-schema.js';

/**
 * The API to introspect: `--endpoint <url>` or GRAPHQL_ENDPOINT, with API_KEY and TIMEOUT, validated
 * by the server's own config loader so the messages match the server's. Undefined when neither is set.
 */
export function introspectionTarget(endpointFlag: string | undefined, env: NodeJS.ProcessEnv = process.env): IntrospectionTarget | undefined {
  try {
    const config = loadConfig(endpointFlag === undefined ? env : { ...env, GRAPHQL_ENDPOINT: endpointFlag });
    return config.endpoint ? { endpoint: config.endpoint, apiKey: config.apiKey, timeoutMs: config.timeoutMs } : undefined;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const problems = endpointFlag === undefined ? error.problems : error.problems.map((problem) => problem.replace(/^GRAPHQL_ENDPOINT\b/, '--endpoint'));
    throw new UsageError(new ConfigError(problems).message);
  }
}
