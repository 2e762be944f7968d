/**
 * The null rule: an explicit `null` for an argument (or input field) that has a default means
 * "use the default". In GraphQL an explicit null replaces a variable's default, so forwarding it
 * would send `first: null` to APIs that then refuse the call; models send null for optional
 * arguments often. The null is dropped before validation, so the tool's schema fills in the
 * default (the same value as the operation's own). Likewise a null for an optional argument whose
 * schema does not take null means "not given". A null the schema accepts, for an argument without
 * a default, is left alone: there it is a value the API may act on.
 */
import { z } from 'zod';

type Walkable = z.core.$ZodType;

/** The tool's input schema, taking null for a defaulted argument as the default. */
export function acceptNullForDefaults<T extends z.ZodType>(schema: T): z.ZodType<z.output<T>, unknown> {
  const def = schema._zod.def as { type: string; in?: z.ZodType; out?: z.ZodType };
  // Behind a bare check (the nesting limit), the rule goes after it: it never walks a value nested too deep.
  if (def.type === 'pipe' && def.in && def.out && PASS_THROUGH.has((def.in._zod.def as { type: string }).type)) {
    return def.in.pipe(acceptNullForDefaults(def.out)) as unknown as z.ZodType<z.output<T>, unknown>;
  }
  return z.preprocess((value) => dropNullDefaults(value, schema), schema) as unknown as z.ZodType<z.output<T>, unknown>;
}

/** A copy of `value` without the nulls given for fields whose schema has a default. */
export function dropNullDefaults(value: unknown, schema: Walkable): unknown {
  const inner = unwrap(schema);
  const def = inner._zod.def as { type: string; shape?: Record<string, Walkable>; element?: Walkable; options?: Walkable[] };
  if (def.type === 'object' && def.shape && isRecord(value)) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const field = def.shape[key];
      if (!field) result[key] = item;
      else if (item === null && (hasDefault(field) || optionalButNotNull(field))) continue;
      else result[key] = dropNullDefaults(item, field);
    }
    return result;
  }
  if (def.type === 'array' && def.element && Array.isArray(value)) return value.map((item) => dropNullDefaults(item, def.element!));
  // An @oneOf input: each member is an object with one field, so no member has defaults of its
  // own, but a field's input object may.
  if (def.type === 'union' && def.options && isRecord(value)) {
    const member = def.options.find((option) => {
      const shape = (unwrap(option)._zod.def as { shape?: Record<string, unknown> }).shape;
      return shape && Object.keys(value).every((key) => key in shape);
    });
    return member ? dropNullDefaults(value, member) : value;
  }
  return value;
}

/** The names of a tool's arguments (the keys of its object input schema). */
export function argumentNamesOf(schema: Walkable): string[] {
  const def = unwrap(schema)._zod.def as { shape?: Record<string, unknown> };
  return def.shape ? Object.keys(def.shape) : [];
}

function optionalButNotNull(schema: Walkable): boolean {
  const field = schema as z.ZodType;
  return field.safeParse(undefined).success && !field.safeParse(null).success;
}

function hasDefault(schema: Walkable): boolean {
  for (let current: Walkable | undefined = schema; current; ) {
    const def = current._zod.def as { type: string; innerType?: Walkable; getter?: () => Walkable };
    if (def.type === 'default' || def.type === 'prefault') return true;
    current = def.type === 'lazy' ? def.getter!() : def.innerType;
  }
  return false;
}

const PASS_THROUGH = new Set(['unknown', 'any', 'transform']);

/** Looks through laziness, optionality, nullability and defaults to the type beneath. */
function unwrap(schema: Walkable): Walkable {
  let current = schema;
  for (;;) {
    const def = current._zod.def as { type: string; innerType?: Walkable; getter?: () => Walkable; in?: Walkable; out?: Walkable };
    if (def.type === 'lazy') current = def.getter!();
    // A pipe from a bare check or transform (the nesting limit, a preprocess) is shaped by its output side.
    else if (def.type === 'pipe' && def.in && def.out) current = PASS_THROUGH.has((def.in._zod.def as { type: string }).type) ? def.out : def.in;
    else if (def.innerType && ['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch'].includes(def.type)) current = def.innerType;
    else return current;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
