/**
 * Operation lint settings: `export const lint = { ... }` next to the default export in codegen.ts,
 * or `export const lint = false` to turn the lint off. Every setting is optional.
 */
export interface LintOptions {
  /** Argument names that bound a list or connection, compared ignoring case and "_". */
  limitArguments?: string[];
  /** Deepest selection allowed; the root field is level 1. */
  maxDepth?: number;
  /** Estimated tokens one tool may cost the model: name, description and JSON input schema. */
  toolTokenBudget?: number;
  /** Estimated tokens all tools together may cost. */
  totalTokenBudget?: number;
}

export type ResolvedLintOptions = Required<LintOptions>;

export const DEFAULT_LINT_OPTIONS: ResolvedLintOptions = {
  limitArguments: ['limit', 'first', 'last', 'take', 'top', 'pageSize', 'perPage'],
  maxDepth: 5,
  toolTokenBudget: 1_000,
  totalTokenBudget: 20_000,
};

/**
 * The settings with defaults filled in; undefined when the lint is turned off. A bad setting is
 * reported through `warn` and replaced by its default: lint settings never stop codegen.
 */
export function resolveLintOptions(raw: unknown, configName: string, warn: (message: string) => void): ResolvedLintOptions | undefined {
  if (raw === false) return undefined;
  if (raw === undefined || raw === null || raw === true) return DEFAULT_LINT_OPTIONS;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    warn(`${configName}: lint must be an object of settings or false, got ${JSON.stringify(raw)}; using the defaults`);
    return DEFAULT_LINT_OPTIONS;
  }
  const given = raw as Record<string, unknown>;
  const resolved = { ...DEFAULT_LINT_OPTIONS };
  for (const key of Object.keys(given)) {
    if (!(key in DEFAULT_LINT_OPTIONS)) warn(`${configName}: unknown lint setting "${key}"; the settings are ${Object.keys(DEFAULT_LINT_OPTIONS).join(', ')}`);
  }
  for (const key of ['maxDepth', 'toolTokenBudget', 'totalTokenBudget'] as const) {
    const value = given[key];
    if (value === undefined) continue;
    if (typeof value === 'number' && Number.isInteger(value) && value > 0) resolved[key] = value;
    else warn(`${configName}: lint.${key} must be a whole number above 0, got ${JSON.stringify(value)}; using ${DEFAULT_LINT_OPTIONS[key]}`);
  }
  const names = given.limitArguments;
  if (names !== undefined) {
    if (Array.isArray(names) && names.every((name) => typeof name === 'string' && name.length > 0)) resolved.limitArguments = names as string[];
    else warn(`${configName}: lint.limitArguments must be a list of argument names, got ${JSON.stringify(names)}; using ${JSON.stringify(DEFAULT_LINT_OPTIONS.limitArguments)}`);
  }
  return resolved;
}
