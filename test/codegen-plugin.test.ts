import path from 'node:path';
import { Kind, parse } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ToolDefinition } from '../src/tools/tool-definition.js';
import { generateTools, typeCheck } from './helpers/generate-tools.js';
import { projectRoot } from './helpers/paths.js';

const fixture = path.join(projectRoot, 'test/fixtures/shapes');
const scalars = { DateTime: { type: 'string', schema: 'z.iso.datetime()' } };

type JsonSchema = Record<string, any>;

describe('mcp-tools codegen plugin on a schema with every variable shape', () => {
  let generated: Awaited<ReturnType<typeof generateTools>>;
  let tools: Map<string, ToolDefinition<unknown, any>>;

  beforeAll(async () => {
    generated = await generateTools({ schema: path.join(fixture, 'schema.graphql'), operations: path.join(fixture, 'operations'), scalars });
    expect(generated.stderr).toMatch(/codegen: wrote/);
    const module = (await import(generated.toolsFile)) as { tools: ToolDefinition<unknown, any>[] };
    tools = new Map(module.tools.map((tool) => [tool.name, tool]));
  });

  const inputJsonSchema = (name: string): JsonSchema => tools.get(name)!.inputJsonSchema() as JsonSchema;

  it('names tools in snake_case, sorted, one per operation (subfolders included)', () => {
    expect([...tools.keys()]).toEqual(['all_shapes', 'delete_thing', 'get_http_now', 'search_everything', 'thing_count']);
    expect(tools.get('get_http_now')!.title).toBe('Get HTTP Now');
    expect(tools.get('delete_thing')!.source).toMatch(/operations\/nested\/delete-thing\.graphql$/);
  });

  it('takes descriptions from the comment block, the """ description, or the root fields', () => {
    expect(tools.get('all_shapes')!.description).toBe('Exercises every variable shape.\nSecond line of the description.');
    expect(tools.get('delete_thing')!.description).toBe('Deletes a thing; this cannot be undone.');
    expect(tools.get('thing_count')!.description).toBe('How many things exist.');
    expect(tools.get('get_http_now')!.description).toBe("now: The server's current time.\nthingCount: How many things exist.");
  });

  it('annotates queries as read-only and idempotent, mutations as destructive', () => {
    expect(tools.get('all_shapes')!.annotations).toMatchObject({ title: 'All Shapes', readOnlyHint: true, idempotentHint: true, destructiveHint: false });
    expect(tools.get('delete_thing')!.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: false });
  });

  it('makes non-null variables required and nullable or defaulted ones optional', () => {
    const schema = inputJsonSchema('all_shapes');
    expect([...schema.required].sort()).toEqual(['flag', 'id', 'tags', 'target']);
    // Unknown keys are rejected by the server, naming what the tool takes; the schema does not spend tokens on saying so.
    expect(schema.additionalProperties).toBeUndefined();
    expect(tools.get('all_shapes')!.inputSchema.safeParse({ id: '1', flag: true, tags: [], target: { id: 'x' }, colour: 'RED' }).error?.issues[0].message).toMatch(
      /^unknown argument "colour": this tool takes id, name, count/,
    );
    expect(schema.properties.count.default).toBe(5);
    expect(schema.properties.colors.default).toEqual(['RED', 'GREEN']);
  });

  it('documents variables from comments, """ descriptions and schema arguments', () => {
    const { properties } = inputJsonSchema('all_shapes');
    expect(properties.id.description).toBe('From a comment before the variable.');
    expect(properties.name.description).toBe("From the variable's own description.");
    expect(properties.color).toEqual({ $ref: '#/$defs/Color', description: 'Colour to match.' });
    expect(properties.colors).toEqual({ type: 'array', items: { $ref: '#/$defs/Color' }, default: ['RED', 'GREEN'] });
    expect(properties.when).toEqual({ $ref: '#/$defs/DateTime' });
    // Types are described once, in their named definition.
    const { $defs } = inputJsonSchema('all_shapes');
    // Said once, for the positions with no words of their own ($colors).
    expect($defs.Color).toEqual({ type: 'string', description: 'A colour. Values: RED: Like blood. | GREEN | BLUE: (deprecated: Use GREEN.)', enum: ['RED', 'GREEN', 'BLUE'] });
    expect(properties.range).toEqual({ $ref: '#/$defs/Range' });
    expect($defs.Range.description).toBe('An inclusive numeric range.');
    expect($defs.DateTime).toMatchObject({ type: 'string', format: 'date-time', description: 'An instant as ISO-8601.' });
  });

  it('maps scalars: Int to 32-bit integers, configured scalars to their schema, unknown ones to strings with a warning', () => {
    const schema = tools.get('all_shapes')!.inputSchema;
    const base = { id: '1', flag: true, tags: [], target: { slug: 's' } };
    expect(schema.safeParse({ ...base, count: 2 ** 31 }).success).toBe(false);
    expect(schema.safeParse({ ...base, count: 1.5 }).success).toBe(false);
    expect(schema.safeParse({ ...base, count: -(2 ** 31) }).success).toBe(true);
    expect(schema.safeParse({ ...base, when: 'tomorrow' }).success).toBe(false);
    expect(schema.safeParse({ ...base, when: '2026-01-01T00:00:00Z' }).success).toBe(true);
    expect(schema.safeParse({ ...base, blob: '{"a":1}' }).success).toBe(true);
    expect(generated.stderr).toMatch(/all-shapes\.graphql:24:3: warning: custom scalar Json has no mapping \(used in arguments, 1 place\(s\)\); it is accepted as any string\. Add it to `scalars` in .*: Json: \{ type: 'string', schema: 'z\.string\(\)' \},/);
    expect(generated.stderr).not.toMatch(/scalar DateTime/);
  });

  it('handles lists, nested lists and nullable items', () => {
    const schema = tools.get('all_shapes')!.inputSchema;
    const base = { id: '1', flag: true, target: { slug: 's' } };
    expect(schema.safeParse({ ...base, tags: ['a', null] }).success).toBe(false);
    expect(schema.safeParse({ ...base, tags: ['a'], maybeTags: ['a', null] }).success).toBe(true);
    expect(schema.safeParse({ ...base, tags: [], matrix: [[1, 2], [3]] }).success).toBe(true);
    expect(schema.safeParse({ ...base, tags: [], matrix: [[1, null]] }).success).toBe(false);
    expect(schema.safeParse({ ...base, tags: [], colors: ['RED', 'PURPLE'] }).success).toBe(false);
  });

  it('applies defaults of variables and of input fields', () => {
    const parsed = tools.get('all_shapes')!.inputSchema.parse({ id: '1', flag: false, tags: [], target: { id: '9' }, range: { min: 1 } });
    expect(parsed).toMatchObject({ count: 5, colors: ['RED', 'GREEN'], range: { min: 1, max: 10 } });
  });

  it('builds recursive input objects', () => {
    const schema = tools.get('all_shapes')!.inputSchema;
    const base = { id: '1', flag: true, tags: [], target: { slug: 's' } };
    const deep = { name: 'a', children: [{ name: 'b', not: { children: [{ name: 'c' }] } }] };
    expect(schema.safeParse({ ...base, tree: deep }).success).toBe(true);
    expect(schema.safeParse({ ...base, tree: { children: [{ not: { name: 42 } }] } }).success).toBe(false);
    expect(JSON.stringify(inputJsonSchema('all_shapes'))).toMatch(/"\$ref"/);
  });

  it('turns @oneOf inputs into a choice of exactly one key', () => {
    const schema = tools.get('all_shapes')!.inputSchema;
    const base = { id: '1', flag: true, tags: [] };
    expect(schema.safeParse({ ...base, target: { id: 'x' } }).success).toBe(true);
    expect(schema.safeParse({ ...base, target: { range: { min: 0 } } }).success).toBe(true);
    const both = schema.safeParse({ ...base, target: { id: 'x', slug: 'y' } });
    expect(both.success).toBe(false);
    expect(both.error!.issues[0].message).toBe('Set exactly one of: id, slug, range.');
    expect(schema.safeParse({ ...base, target: {} }).success).toBe(false);
    const target = inputJsonSchema('all_shapes').$defs.Target;
    expect(target).toMatchObject({ type: 'object', minProperties: 1, maxProperties: 1 });
    expect(Object.keys(target.properties)).toEqual(['id', 'slug', 'range']);
  });

  it('derives output schemas from selection sets: aliases, fragments, unions, interfaces, @include', () => {
    const output = tools.get('search_everything')!.outputSchema;
    const json = z.toJSONSchema(output, { io: 'output' }) as JsonSchema;
    const item = json.properties.results.items;
    // Every result has __typename and (through the Node interface) id; the rest depends on the member type.
    expect([...item.required].sort()).toEqual(['__typename', 'id']);
    expect(Object.keys(item.properties).sort()).toEqual(['__typename', 'color', 'id', 'label', 'size']);
    expect(json.properties.node.anyOf.some((alternative: JsonSchema) => alternative.type === 'null')).toBe(true);

    const valid = {
      results: [
        { __typename: 'Thing', id: '1', label: null, color: 'RED' },
        { __typename: 'Widget', id: '2', size: 3 },
        { __typename: 'Widget', id: '3' },
      ],
      node: null,
    };
    expect(output.safeParse(valid).success).toBe(true);
    expect(output.safeParse({ ...valid, results: [{ __typename: 'Thing', label: 'no id' }] }).success).toBe(false);
    expect(output.safeParse({ ...valid, results: [{ __typename: 'Thing', id: '1', color: 'PURPLE' }] }).success).toBe(false);
    expect(output.safeParse({ ...valid, results: [{ __typename: 'Widget', id: '2', size: 1.5 }] }).success).toBe(false);
    expect(output.safeParse({ results: [] }).success).toBe(false);
  });

  it('sends no operation description upstream', () => {
    const source = tools.get('delete_thing')!.query;
    expect(source).not.toMatch(/cannot be undone/);
    const operation = parse(source).definitions[0];
    expect(operation.kind === Kind.OPERATION_DEFINITION && operation.name?.value).toBe('DeleteThing');
  });

  it('type-checks the generated tools against codegen\'s Variables types', async () => {
    const result = await typeCheck(generated.outputDir);
    expect(result.stdout).toBe("");
    expect(result.ok).toBe(true);
  });

  it('fails tsc when a scalar\'s zod schema disagrees with its TypeScript type', async () => {
    const mismatched = await generateTools({
      schema: path.join(fixture, 'schema.graphql'),
      operations: path.join(fixture, 'operations'),
      scalars: { DateTime: { type: 'string', schema: 'z.number()' } },
    });
    const result = await typeCheck(mismatched.outputDir);
    expect(result.ok).toBe(false);
    expect(result.stdout).toMatch(/tools\.ts\(\d+,\d+\): error TS/);
  });
});
