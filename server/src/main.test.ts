import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const repoRoot = resolve(__dirname, '../..');
const tsxCli = join(repoRoot, 'node_modules/tsx/dist/cli.mjs');
const running: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(() => {
  running.splice(0).forEach((child) => child.kill('SIGKILL'));
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

function startMain(args: string[], env: Record<string, string> = {}): { child: ChildProcess; output: () => string; url: Promise<string> } {
  const child = spawn(process.execPath, [tsxCli, 'server/src/main.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env, OPENCHAT_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let output = '';
  const url = new Promise<string>((resolveUrl, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /OpenChat server listening on (http:\/\/\S+)\n/.exec(output);
      if (match?.[1]) resolveUrl(match[1]);
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
  return { child, output: () => output, url };
}

describe('server process (npm run server)', () => {
  it('prints one listening line for port 0, keeps identity.json private, honours env, and stops gracefully on SIGTERM', async () => {
    const data = mkdtempSync(join(tmpdir(), 'openchat-main-'));
    dirs.push(data);
    const server = startMain(['--port', '0', '--data', data], { OPENCHAT_REGISTRATION: 'off' });
    const url = await server.url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.output().match(/OpenChat server listening on/g)).toHaveLength(1);
    expect(server.output()).toContain(join(data, 'identity.json'));
    expect(statSync(join(data, 'identity.json')).mode & 0o777).toBe(0o600);
    expect(await (await fetch(`${url}/api/v1/info`)).json()).toMatchObject({ registrationOpen: false });
    const exited = new Promise<number | null>((done) => server.child.once('exit', (code) => done(code)));
    server.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses bad flags with exit code 2 and a message naming the flag', async () => {
    const server = startMain(['--port', 'eighty']);
    await expect(server.url).rejects.toThrow(/exited with 2[\s\S]*--port/);
  });
});
