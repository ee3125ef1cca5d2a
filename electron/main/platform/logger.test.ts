import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createMainLogger } from './logger';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function setup(level?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'openchat-log-'));
  dirs.push(dir);
  const logFile = join(dir, 'logs', 'main.log');
  const stdout = new PassThrough();
  const printed: string[] = [];
  stdout.on('data', (chunk: Buffer) => printed.push(chunk.toString()));
  return { logFile, printed, log: () => createMainLogger({ logFile, level, stdout }) };
}

describe('createMainLogger', () => {
  it('writes JSON lines to the log file (creating its folder) and to stdout', () => {
    const { logFile, printed, log } = setup();
    log().info({ url: 'http://127.0.0.1:4000' }, 'the embedded server is listening');
    const line = JSON.parse(readFileSync(logFile, 'utf8').trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ msg: 'the embedded server is listening', url: 'http://127.0.0.1:4000', name: 'openchat-main' });
    expect(printed.join('')).toContain('the embedded server is listening');
  });

  it('falls back to info for an unknown level instead of failing to start', () => {
    const { logFile, log } = setup('verbose');
    const logger = log();
    expect(logger.level).toBe('info');
    logger.debug('hidden');
    logger.info('shown');
    expect(readFileSync(logFile, 'utf8')).not.toContain('hidden');
  });

  it('moves a large log aside at start-up', () => {
    const { logFile, log } = setup();
    log().info('first');
    writeFileSync(logFile, 'x'.repeat(6 * 1024 * 1024));
    log().info('after rotation');
    expect(statSync(`${logFile}.1`).size).toBe(6 * 1024 * 1024);
    expect(readFileSync(logFile, 'utf8')).toContain('after rotation');
  });
});
