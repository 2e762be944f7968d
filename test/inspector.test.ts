import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoApi } from '../src/demo/demo-api.js';
import { tools as generatedTools } from '../generated/tools.js';
import { environmentWithoutServerSettings } from './helpers/clean-env.js';
import { startHttpServerProcess, type HttpServerProcess } from './helpers/mcp-http.js';
import { node22Tools, type Node22Tools } from './helpers/node22-tools.js';
import { builtServer } from './helpers/paths.js';

const run = promisify(execFile);
const KEY = 'inspector-key-246';

/** Arguments for each tool: the booking made by create_appointment is the one cancelled. */
function argumentsFor(tool: string, booking: string | undefined): Record<string, unknown> {
  const calls: Record<string, Record<string, unknown>> = {
    search_patients: { name: 'a', limit: 3 },
    get_patient: { by: { id: 'pat-1' } },
    search_providers: { limit: 2 },
    list_appointments: { patientId: 'pat-2', limit: 5 },
    create_appointment: { input: { patientId: 'pat-4', providerId: 'prov-1', startsAt: `2034-06-${String(10 + booked++).padStart(2, '0')}T09:00:00Z` } },
    cancel_appointment: { id: booking, reason: 'inspector test' },
  };
  return calls[tool];
}
let booked = 0;

describe('MCP Inspector CLI (2.x, Node 22) against the built server', () => {
  // Inspector 2.x needs Node >= 22.19: .ci/node22-tools pins it with node@22 from npm.
  let tools: Node22Tools;
  let demo: Awaited<ReturnType<typeof startDemoApi>>;
  let http: HttpServerProcess;
  const home = mkdtempSync(path.join(os.tmpdir(), 'inspector-home-'));

  beforeAll(async () => {
    tools = node22Tools();
    demo = await startDemoApi({ apiKey: KEY });
    http = await startHttpServerProcess({ GRAPHQL_ENDPOINT: demo.url, API_KEY: KEY });
  }, 300_000);
  afterAll(async () => {
    await http?.stop();
    await demo?.close();
  });

  /** One Inspector CLI run; its JSON result. The stdio target is our built server on this Node. */
  async function inspect(era: string, transport: 'stdio' | 'http', method: string[]): Promise<any> {
    const target =
      transport === 'http'
        ? [http.url]
        : ['-e', `GRAPHQL_ENDPOINT=${demo.url}`, '-e', `API_KEY=${KEY}`, '--', process.execPath, builtServer];
    const args = [path.join(tools.bin, 'inspector'), '--cli', '--protocol-era', era, '--format', 'json', '-q', ...method, ...target];
    const { stdout } = await run(tools.node, args, {
      env: { ...environmentWithoutServerSettings(), HOME: home, MCP_CATALOG_PATH: path.join(home, 'catalog.json'), MCP_CLIENT_CONFIG_PATH: path.join(home, 'client.json') },
      timeout: 60_000,
    });
    return JSON.parse(stdout);
  }

  for (const era of ['modern', 'legacy'] as const) {
    for (const transport of ['stdio', 'http'] as const) {
      it(`--protocol-era ${era} over ${transport}: lists and calls every tool`, async () => {
        const listed = await inspect(era, transport, ['--method', 'tools/list']);
        const names: string[] = listed.result.tools.map((tool: { name: string }) => tool.name);
        expect(names.sort()).toEqual(generatedTools.map((tool) => tool.name).sort());
        let booking: string | undefined;
        for (const name of [...names.filter((tool) => tool !== 'cancel_appointment'), 'cancel_appointment']) {
          const args = JSON.stringify(argumentsFor(name, booking));
          const called = await inspect(era, transport, ['--method', 'tools/call', '--tool-name', name, '--tool-args-json', args]);
          expect(called.result.isError, `${name}: ${JSON.stringify(called.result.content)}`).toBeFalsy();
          expect(called.result.structuredContent, name).toBeTruthy();
          // 2026-07-28 results name the server in _meta; 2025-era results never carry it.
          expect(called.result._meta?.['io.modelcontextprotocol/serverInfo']?.name).toBe(era === 'modern' ? 'graphql-ops-mcp' : undefined);
          if (name === 'create_appointment') booking = called.result.structuredContent.createAppointment.id;
        }
        expect(booking).toBeTruthy();
      }, 240_000);
    }
  }
});
