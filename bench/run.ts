// `npm run bench` — prints one table of every benchmark. `--quick` runs smaller sizes.
import { runServerBench } from './serverBench';
import { runStoreBench } from './storeBench';
import { printTable } from './table';

const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);

const rows = [];
if (!only || only === 'server') rows.push(...(await runServerBench({ quick })));
if (!only || only === 'store') rows.push(...runStoreBench(quick ? 100_000 : 1_000_000));
console.log(`\nNode ${process.version}, ${process.platform} ${process.arch}, ${(await import('node:os')).cpus().length} cores\n`);
printTable(rows);
