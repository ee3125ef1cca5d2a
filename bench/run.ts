// `npm run bench` — prints one table of every benchmark. `--quick` runs smaller sizes;
// `--only=server`, `--only=store`, `--only=media`, `--only=render`, `--only=contacts`, `--only=presence`, `--only=groups` (fan-out and sustained rate), `--only=groupRate`, `--only=topicMove` or `--only=calls` runs one group.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { runCallBench } from './callBench';
import { runContactsBench } from './contactsBench';
import { runGroupFanoutBench } from './groupFanout';
import { runGroupRateBench } from './groupRate';
import { runMediaBench } from './mediaBench';
import { runPresenceBench } from './presenceBench';
import { runRelayRenderBench } from './relayRenderBench';
import { runServerBench } from './serverBench';
import { runStoreBench } from './storeBench';
import { runTopicMoveBench } from './topicMoveBench';
import { type BenchRow, printTable } from './table';

// The load generator runs on CPU 1; serverBench pins the server under test to CPU 0.
if (existsSync('/usr/bin/taskset')) spawnSync('taskset', ['-cp', '1', String(process.pid)], { stdio: 'ignore' });

const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);

const rows: BenchRow[] = [];
if (!only || only === 'server') rows.push(...(await runServerBench({ quick })));
if (!only || only === 'store') rows.push(...runStoreBench(quick ? 100_000 : 1_000_000));
if (!only || only === 'media') rows.push(...(await runMediaBench({ quick })));
if (!only || only === 'render') rows.push(...(await runRelayRenderBench({ quick })));
if (!only || only === 'contacts') rows.push(...(await runContactsBench({ quick })));
if (!only || only === 'presence') rows.push(...(await runPresenceBench({ quick })));
if (!only || only === 'groups') rows.push(...(await runGroupFanoutBench({ quick })));
if (!only || only === 'groups' || only === 'groupRate') rows.push(...(await runGroupRateBench({ quick })));
if (!only || only === 'groups' || only === 'topicMove') rows.push(...(await runTopicMoveBench({ quick })));
if (!only || only === 'calls') rows.push(...(await runCallBench({ quick })));
console.log(`\nNode ${process.version}, ${process.platform} ${process.arch}, ${cpus().length} cores, ${cpus()[0]?.model ?? ''}\n`);
printTable(rows);
