/**
 * What every tool's argument validation shares, beyond the zod schema codegen writes per type:
 * - input objects that reject a field the tool does not offer with a message naming the ones it
 *   does (a model corrects itself from that), and
 * - a nesting limit checked without recursion before zod sees the value, so a filter nested a
 *   thousand levels deep is a tool error naming the path and the limit, never a stack overflow.
 */
import { z } from 'zod';
import { DEFAULT_INPUT_MAX_DEPTH } from '../config/config.js';

let inputMaxDepth = DEFAULT_INPUT_MAX_DEPTH;

/** Set once at start from the server configuration. */
export function setInputMaxDepth(limit: number): void {
  inputMaxDepth = limit;
}

/** A strict object for an input type (or the arguments, when `typeName` is undefined). */
export function inputObject<Shape extends z.ZodRawShape>(typeName: string | undefined, shape: Shape) {
  const offered = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return undefined;
      const unknown = issue.keys.map((key) => JSON.stringify(key)).join(', ');
      const allowed = offered.length > 0 ? offered.join(', ') : 'none';
      return typeName === undefined
        ? `unknown argument${issue.keys.length > 1 ? 's' : ''} ${unknown}: this tool takes ${allowed}`
        : `${typeName} here has no field ${unknown}: this tool offers ${allowed}`;
    },
  });
}

/** The tool's argument schema, behind the nesting limit. */
export function withNestingLimit<T>(schema: z.ZodType<T>): z.ZodType<T> {
  return z
    .unknown()
    .check((context) => {
      const problem = nestingProblem(context.value, inputMaxDepth);
      if (problem) context.issues.push({ code: 'custom', message: problem.message, path: problem.path, input: undefined });
    })
    .pipe(schema) as unknown as z.ZodType<T>;
}

/** The first place nested deeper than `limit` (objects and lists count one level each), found without recursion. */
export function nestingProblem(value: unknown, limit: number): { message: string; path: (string | number)[] } | undefined {
  const pending: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (pending.length > 0) {
    const { value: current, path } = pending.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (path.length > limit) {
      return {
        path,
        message: `nested too deep: ${formatPath(path)} is ${path.length} levels deep, over the limit of ${limit} (INPUT_MAX_DEPTH); flatten the value, e.g. one "and" list instead of nested ones`,
      };
    }
    const entries: [string | number, unknown][] = Array.isArray(current) ? current.map((item, index) => [index, item]) : Object.entries(current);
    for (const [key, item] of entries) pending.push({ value: item, path: [...path, key] });
  }
  return undefined;
}

/** `filter.and[0].title`, shortened in the middle when long. */
function formatPath(path: readonly (string | number)[]): string {
  const text = path.map((key, index) => (typeof key === 'number' ? `[${key}]` : index === 0 ? key : `.${key}`)).join('');
  return text.length <= 160 ? text : `${text.slice(0, 90)}…${text.slice(-60)}`;
}
