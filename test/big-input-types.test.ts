import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { buildSchema, getNamedType, isInputObjectType, type GraphQLInputObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINEAR_STYLE_DIR, startLinearStyleUpstream } from './helpers/linear-style-upstream.js';
import { connectStdio, textOf, type StdioSession } from './helpers/mcp-stdio.js';
import { createTempProject } from './helpers/temp-project.js';

type JsonSchema = Record<string, any>;

/** The tokens a model pays for a tool, as the lint and the bench count them. */
const tokensOf = (tool: Tool) => Math.ceil((tool.name.length + (tool.description ?? '').length + JSON.stringify(tool.inputSchema).length) / 4);

/** Every input type IssueFilter reaches. */
function closureOf(type: GraphQLInputObjectType, seen = new Set<string>()): Set<string> {
  if (seen.has(type.name)) return seen;
  seen.add(type.name);
  for (const field of Object.values(type.getFields())) {
    const named = getNamedType(field.type);
    if (isInputObjectType(named)) closureOf(named, seen);
  }
  return seen;
}

/** { and: [{ and: [ … { title: { eq: "x" } } ] }] }, `levels` of and. */
function nestedAnd(levels: number): JsonSchema {
  let filter: JsonSchema = { title: { eq: 'x' } };
  for (let level = 0; level < levels; level++) filter = { and: [filter] };
  return filter;
}

describe('big input types: a Linear-style recursive filter, through codegen and a real MCP client', () => {
  let project: ReturnType<typeof createTempProject>;
  let codegenOutput: string;
  let upstream: Awaited<ReturnType<typeof startLinearStyleUpstream>>;
  let session: StdioSession;
  let tools: Map<string, Tool>;

  beforeAll(async () => {
    project = createTempProject();
    project.write('schema/schema.graphql', readFileSync(path.join(LINEAR_STYLE_DIR, 'schema.graphql'), 'utf8'));
    rmSync(project.file('operations'), { recursive: true });
    for (const file of readdirSync(path.join(LINEAR_STYLE_DIR, 'operations'))) {
      project.write(`operations/${file}`, readFileSync(path.join(LINEAR_STYLE_DIR, 'operations', file), 'utf8'));
    }
    const codegen = await project.codegen();
    codegenOutput = codegen.stderr;
    expect(codegen.ok, codegen.stderr).toBe(true);
    const build = await project.build();
    expect(build.ok, build.stdout + build.stderr).toBe(true);
    upstream = await startLinearStyleUpstream();
    session = await connectStdio({ cwd: project.root, entry: project.file('dist/src/main.js'), env: { GRAPHQL_ENDPOINT: upstream.url } });
    tools = new Map((await session.client.listTools()).tools.map((tool) => [tool.name, tool]));
  }, 240_000);

  afterAll(async () => {
    await session?.close();
    await upstream?.close();
  });

  it('has a filter input of at least 50 input types', () => {
    const schema = buildSchema(readFileSync(path.join(LINEAR_STYLE_DIR, 'schema.graphql'), 'utf8'));
    expect(closureOf(schema.getType('IssueFilter') as GraphQLInputObjectType).size).toBeGreaterThanOrEqual(50);
  });

  it('prunes an uncurated filter to fit the token budget, and says what it left out and how to choose', () => {
    const tool = tools.get('list_issues')!;
    expect(tokensOf(tool)).toBeLessThanOrEqual(1000);
    const { $defs, properties } = tool.inputSchema as JsonSchema;
    const filter = $defs.IssueFilter;
    expect(filter.description).toBe('Issue filtering options.');
    expect(Object.keys(filter.properties)).toEqual(expect.arrayContaining(['title', 'and', 'or']));
    // Recursion unfolded one level: the and/or items have no and/or of their own.
    expect(filter.properties.and.items).toEqual({ $ref: '#/$defs/IssueFilter_2' });
    expect(Object.keys($defs.IssueFilter_2.properties)).not.toContain('and');
    expect(properties.first).toEqual({ type: 'integer', description: 'The number of items to forward paginate (used with after).', default: 10 });
    expect(codegenOutput).toMatch(/list_issues: \$filter \(IssueFilter, [\d,]+ tokens whole\) offers \d+ of its 52 fields .*left out: .*Choose instead with @mcp\(fields: \[\.\.\.\]\)/);
  });

  it('keeps every schema portable: no $schema, no type arrays, $ref only into $defs', () => {
    for (const tool of tools.values()) {
      const text = JSON.stringify(tool.inputSchema);
      expect(text).not.toContain('$schema');
      expect(text).not.toMatch(/"type":\[/);
      for (const [, target] of text.matchAll(/"\$ref":"([^"]+)"/g)) expect(target).toMatch(/^#\/\$defs\/\w+$/);
    }
  });

  it('shows a curated variable with exactly the chosen fields and depth', () => {
    const { $defs } = tools.get('find_issues_any')!.inputSchema as JsonSchema;
    expect(Object.keys($defs.IssueFilter.properties)).toEqual(['title', 'priority', 'assignee', 'team', 'state', 'or']);
    expect(Object.keys($defs.StringComparator.properties)).toEqual(['containsIgnoreCase']);
    expect(Object.keys($defs.NullableNumberComparator.properties)).toEqual(['lte']);
    expect(Object.keys($defs.TeamFilter.properties)).toEqual(['key']);
    expect(Object.keys($defs.IssueFilter_2.properties)).toEqual(['title', 'priority', 'assignee', 'team', 'state']);
    expect($defs.IssueFilter_2.description).toBe('As IssueFilter above, one level down.');
    expect(tokensOf(tools.get('find_issues')!)).toBeLessThanOrEqual(500);
  });

  it('sends valid nested filters upstream unchanged', async () => {
    const filter = {
      or: [{ title: { containsIgnoreCase: 'crash' } }, { priority: { lte: 2 }, team: { key: { eq: 'ENG' } }, assignee: { email: { eq: 'a@example.com' } } }],
      state: { name: { eq: 'Todo' } },
    };
    const before = upstream.received.length;
    const result = await session.client.callTool({ name: 'find_issues_any', arguments: { filter } });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(JSON.parse(textOf(result)).issues.nodes).toHaveLength(2);
    expect(upstream.received.slice(before)).toEqual([{ operationName: 'FindIssuesAny', variables: { filter, first: 10 } }]);

    const pruned = { and: [{ title: { containsIgnoreCase: 'login' } }, { priority: { lte: 1 } }] };
    const listed = await session.client.callTool({ name: 'list_issues', arguments: { filter: pruned, first: 5 } });
    expect(listed.isError, textOf(listed)).toBeFalsy();
    expect(upstream.received.at(-1)!.variables).toEqual({ filter: pruned, first: 5 });
  });

  it('rejects a field the tool does not offer by name, listing the ones it does, before anything goes upstream', async () => {
    const before = upstream.received.length;
    const operator = await session.client.callTool({ name: 'find_issues_any', arguments: { filter: { title: { startsWith: 'x' } } } });
    expect(operator.isError).toBe(true);
    expect(textOf(operator)).toContain('StringComparator here has no field "startsWith": this tool offers containsIgnoreCase');
    const field = await session.client.callTool({ name: 'find_issues', arguments: { filter: { labels: { some: { name: { eq: 'bug' } } } } } });
    expect(field.isError).toBe(true);
    expect(textOf(field)).toContain('IssueFilter here has no field "labels": this tool offers title, priority, assignee, team, state');
    const argument = await session.client.callTool({ name: 'find_issues', arguments: { filters: {} } });
    expect(argument.isError).toBe(true);
    expect(textOf(argument)).toContain('unknown argument "filters": this tool takes filter, first');
    const deeper = await session.client.callTool({ name: 'find_issues_any', arguments: { filter: { or: [{ or: [] }] } } });
    expect(deeper.isError).toBe(true);
    expect(textOf(deeper)).toContain('IssueFilter here has no field "or"');
    expect(upstream.received.length).toBe(before);
  });

  it('answers a filter nested 800 or 1,000 levels deep with the depth limit, naming the path, and keeps serving', async () => {
    const before = upstream.received.length;
    for (const levels of [800, 1000]) {
      const result = await session.client.callTool({ name: 'list_issues', arguments: { filter: nestedAnd(levels) } });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/nested too deep: filter\.and\[0\]\.and\[0\].*is 101 levels deep, over the limit of 100 \(INPUT_MAX_DEPTH\)/);
      expect(textOf(result)).not.toMatch(/call stack/i);
    }
    expect(upstream.received.length).toBe(before);
    const after = await session.client.callTool({ name: 'list_issues', arguments: {} });
    expect(after.isError, textOf(after)).toBeFalsy();
  });

  it('describes a variable inside an input literal by its path and the descriptions along it', () => {
    const { properties } = tools.get('team_issues')!.inputSchema as JsonSchema;
    expect(properties.teamKey.description).toBe(
      "Sets filter.team.key.eq. filter: Filter returned issues. team: Filters that the issue's team must satisfy. key: Comparator for the team's key. eq: Equals constraint.",
    );
  });
});
