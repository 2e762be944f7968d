import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimateToolTokens } from '../codegen/lint/token-estimate.js';
import { run, scratchDir } from './helpers/generate-tools.js';
import { connectStdio } from './helpers/mcp-stdio.js';
import { projectRoot } from './helpers/paths.js';
import { createTempProject } from './helpers/temp-project.js';

const SCHEMA = `
type Query {
  "Every clinic."
  clinics: [Clinic!]!
  "Staff members, paged."
  staff(first: Int, after: String): StaffConnection!
  "Providers, at most 20 unless told otherwise."
  providers(limit: Int = 20): [Provider!]!
}
type Clinic { id: ID! name: String! providers(take: Int): [Provider!]! }
type StaffConnection { nodes: [Provider!]! }
type Provider { id: ID! name: String! clinic: Clinic! patients(limit: Int): [Patient!]! }
type Patient { id: ID! name: String! provider: Provider! }
`;

/** Runs `npm run codegen`'s script on a schema and operation files, with a codegen config that may set `lint`. */
async function codegenWith(operations: Record<string, string>, lint?: unknown, extraSchema = '') {
  const dir = scratchDir('lint');
  writeFileSync(path.join(dir, 'schema.graphql'), SCHEMA + extraSchema);
  for (const [file, source] of Object.entries(operations)) {
    mkdirSync(path.dirname(path.join(dir, 'operations', file)), { recursive: true });
    writeFileSync(path.join(dir, 'operations', file), source);
  }
  const outputDir = path.join(dir, 'generated');
  const configFile = path.join(dir, 'codegen.config.ts');
  writeFileSync(
    configFile,
    [
      `import { makeCodegenConfig } from ${JSON.stringify(path.join(projectRoot, 'codegen/make-config.ts'))};`,
      `export default makeCodegenConfig(${JSON.stringify({ schema: path.join(dir, 'schema.graphql'), operations: path.join(dir, 'operations'), outputDir })});`,
      lint === undefined ? '' : `export const lint = ${JSON.stringify(lint)};`,
    ].join('\n'),
  );
  const result = await run(process.execPath, [path.join(projectRoot, 'node_modules/tsx/dist/cli.mjs'), 'codegen/run.ts', '--config', configFile]);
  const relativeDir = path.relative(projectRoot, dir).split(path.sep).join('/');
  const lines = result.stderr.split('\n').map((line) => line.replaceAll(`${relativeDir}/`, ''));
  return { ...result, lines, toolsFile: path.join(outputDir, 'tools.ts') };
}

describe('operation lint in npm run codegen', () => {
  it('is silent about the shipped operations and prints the token table once', async () => {
    const project = createTempProject();
    const result = await project.codegen();
    expect(result.stderr).toMatch(/codegen: wrote/);
    expect(result.stderr).not.toMatch(/warning/);
    const table = result.stderr.slice(result.stderr.indexOf('tool tokens'));
    expect(result.stderr.match(/^tool tokens /gm)).toHaveLength(1);
    for (const tool of ['cancel_appointment', 'create_appointment', 'get_patient', 'list_appointments', 'search_patients', 'search_providers']) {
      expect(table).toMatch(new RegExp(`^ {2}${tool} +\\d+$`, 'm'));
    }
    const total = Number(/^ {2}total +(\d+) {2}of 20000$/m.exec(table)?.[1]);
    const sum = [...table.matchAll(/^ {2}[a-z_]+ +(\d+)$/gm)].reduce((acc, match) => acc + Number(match[1]), 0);
    expect(total).toBeGreaterThan(0);
    expect(total).toBe(sum);
  });

  it('estimates each tool from the JSON Schema the server really lists', async () => {
    const estimates = await estimateToolTokens(path.join(projectRoot, 'generated/tools.ts'));
    const session = await connectStdio(); // the built server, on the embedded demo API
    try {
      const { tools } = await session.client.listTools();
      const listed = tools.map((tool) => ({
        tool: tool.name,
        tokens: Math.ceil((tool.name.length + (tool.description ?? '').length + JSON.stringify(tool.inputSchema).length) / 4),
      }));
      expect(estimates.map(({ tool, tokens }) => ({ tool, tokens }))).toEqual(listed);
    } finally {
      await session.close();
    }
  });

  it('warns, with file:line:column, on a missing description, unbounded lists and deep selections, and still generates', async () => {
    const result = await codegenWith({
      'clinics.graphql': [
        'query ClinicTree {',
        '  clinics {',
        '    providers {',
        '      clinic {',
        '        providers(take: 5) {',
        '          patients(limit: 3) {',
        '            provider { id }',
        '          }',
        '        }',
        '      }',
        '    }',
        '  }',
        '  staff { nodes { id } }',
        '  providers { id }',
        '}',
        '',
      ].join('\n'),
      'described.graphql': '# Staff, ten at a time.\nquery FirstStaff {\n  staff(first: 10) { nodes { name } }\n}\n',
    });
    expect(result.ok, result.stderr).toBe(true);
    expect(existsSync(result.toolsFile)).toBe(true);
    const warnings = result.lines.filter((line) => line.includes('warning'));
    expect(warnings).toEqual([
      expect.stringMatching(/^operations\/clinics\.graphql:1:1: warning: operation ClinicTree has no description: add a # comment block or a """ description .*Query\.clinics, Query\.staff, Query\.providers\)$/),
      expect.stringMatching(/^operations\/clinics\.graphql:2:3: warning: root field Query\.clinics returns a list and has no argument to limit it/),
      expect.stringMatching(/^operations\/clinics\.graphql:3:5: warning: Clinic\.providers is selected without take and the schema sets no default/),
      expect.stringMatching(/^operations\/clinics\.graphql:7:13: warning: selection is 7 levels deep here \(clinics\.providers\.clinic\.providers\.patients\.provider\.id\), more than 5/),
      expect.stringMatching(/^operations\/clinics\.graphql:13:3: warning: Query\.staff is selected without first and the schema sets no default/),
    ]);
    // Query.providers has a default limit; FirstStaff passes first and is described: no warnings for them.
    expect(result.stderr).toMatch(/^ {2}first_staff +\d+$/m);
  });

  it('takes its settings from the codegen config, warns about bad ones, and flags tools over the token budgets', async () => {
    const result = await codegenWith(
      {
        'staff.graphql': '# Staff, ten at a time.\nquery FirstStaff($first: Int = 10) @mcp(tokenBudget: 200) {\n  staff(first: $first) { nodes { name } }\n}\n',
        'clinics.graphql': '# Clinics and their providers.\nquery Clinics {\n  clinics { providers(take: 2) { clinic { name } } }\n}\n',
      },
      { maxDepth: 2, toolTokenBudget: 22, totalTokenBudget: 40, limitArguments: ['first', 'take', 'top'], strict: true, totalTokensBudget: 'x' },
    );
    expect(result.ok, result.stderr).toBe(true);
    const warnings = result.lines.filter((line) => line.includes('warning'));
    expect(warnings).toEqual([
      'warning: codegen.config.ts: unknown lint setting "strict"; the settings are limitArguments, maxDepth, toolTokenBudget, totalTokenBudget',
      expect.stringMatching(/^warning: codegen\.config\.ts: unknown lint setting "totalTokensBudget"/),
      expect.stringMatching(/^operations\/clinics\.graphql:3:3: warning: root field Query\.clinics returns a list and has no argument to limit it \(first, take, top\)/),
      expect.stringMatching(/^operations\/clinics\.graphql:3:34: warning: selection is 4 levels deep here \(clinics\.providers\.clinic\.name\), more than 2/),
      expect.stringMatching(
        /^operations\/staff\.graphql:2:1: warning: tool first_staff costs about \d+ tokens \(name, description and input schema\), over the project's budget of 22 \(allowed by its @mcp\(tokenBudget: 200\)\); most go to \$first \d+ tokens: shorten its description/,
      ),
      expect.stringMatching(/^operations\/staff\.graphql:3:34: warning: selection is 3 levels deep here \(staff\.nodes\.name\), more than 2/),
      expect.stringMatching(/^warning: the 2 tools together cost about \d+ tokens, over the total budget of 40: offer fewer tools/),
    ]);
    expect(result.stderr).toMatch(/^ {2}first_staff +\d+ {2}over budget$/m);
    expect(result.stderr).toMatch(/^ {2}total +\d+ {2}of 40$/m);
  });

  it('fails a tool over its budget, naming the variables and types that cost the tokens and how to choose', async () => {
    const schema = [
      'extend type Query { "People matching a filter." people(filter: PeopleFilter!): [Provider!]! }',
      '"Who to find." input PeopleFilter { "Exact name." name: String! "Names starting with this." prefix: String "All of." and: [PeopleFilter!] "Any of." or: [PeopleFilter!] }',
    ].join('\n');
    const result = await codegenWith(
      { 'people.graphql': '# People by name.\nquery People($filter: PeopleFilter!) {\n  people(filter: $filter) { id }\n}\n' },
      { toolTokenBudget: 30 },
      schema,
    );
    expect(result.ok).toBe(false);
    expect(result.lines).toContainEqual(
      expect.stringMatching(
        /^operations\/people\.graphql:2:7: error: tool people costs about \d+ tokens, over its budget of 30 even with default pruning: \$filter \d+ tokens \(PeopleFilter \d+\); description \d+ tokens\. To fix: choose what the model sees with @mcp\(fields: \["…"\], depth: 1\) on \$filter, or accept the size with @mcp\(tokenBudget: \d+\) on the operation/,
      ),
    );
  });

  it('can be turned off with `export const lint = false`', async () => {
    const result = await codegenWith({ 'clinics.graphql': 'query Clinics {\n  clinics { id }\n}\n' }, false);
    expect(result.ok, result.stderr).toBe(true);
    expect(result.stderr).toMatch(/codegen: wrote/);
    expect(result.stderr).not.toMatch(/warning|tool tokens/);
  });
});
