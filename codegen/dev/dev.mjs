#!/usr/bin/env node
// Launches `npm run dev` (codegen/dev/dev-server.ts) with plain node, printing nothing itself: over
// stdio, stdout is the MCP channel. MCP clients start this file directly (`npm run config --
// <client> --dev` prints that config); `npm run --silent dev` runs it without npm's banner.
import { register } from 'tsx/esm/api';

register();
await import('./dev-server.ts');
