/**
 * A tool call's arguments, checked here rather than by the SDK, so that a rejected call is logged
 * and notified like any other (the SDK answers it before any handler runs). The message has the
 * SDK's own wording. The null rule (null-for-defaults.ts) applies first.
 */
import type { z } from 'zod';
import { acceptNullForDefaults } from './null-for-defaults.js';

export type CheckedArguments = { ok: true; variables: Record<string, unknown> } | { ok: false; message: string };

const checkers = new WeakMap<z.ZodType, z.ZodType>();

export function checkArguments(toolName: string, inputSchema: z.ZodType, args: unknown): CheckedArguments {
  let checker = checkers.get(inputSchema);
  if (!checker) checkers.set(inputSchema, (checker = acceptNullForDefaults(inputSchema)));
  const parsed = checker.safeParse(args ?? {});
  if (parsed.success) return { ok: true, variables: parsed.data as Record<string, unknown> };
  // As the SDK (v2) words it: "path: message", joined by ", ".
  const issues = parsed.error.issues.map((issue) => (issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message)).join(', ');
  return { ok: false, message: `Input validation error: Invalid arguments for tool ${toolName}: ${issues}` };
}
