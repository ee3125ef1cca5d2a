import { describe, expect, it } from 'vitest';
import type { MainArgs } from './mainArgs';
import { chooseServer } from './serverChoice';

const noArgs: MainArgs = { serverUrl: null, serverUrlSource: null, problems: [] };
const argUrl: MainArgs = { serverUrl: 'https://arg.example.com', serverUrlSource: 'argument', problems: [] };

describe('chooseServer', () => {
  it('D2 starts the embedded server when nothing is configured', () => {
    expect(chooseServer(null, noArgs)).toEqual({ kind: 'embedded' });
    expect(chooseServer({ autoUpdate: false }, noArgs)).toEqual({ kind: 'embedded' });
  });

  it('D2 uses a configured server instead of the embedded one', () => {
    expect(chooseServer(null, argUrl)).toEqual({ kind: 'configured', url: 'https://arg.example.com', source: 'argument' });
  });

  it('D6 lets the managed config win over the command line and environment', () => {
    expect(chooseServer({ serverUrl: 'https://corp.example.com/' }, argUrl)).toEqual({
      kind: 'configured',
      url: 'https://corp.example.com',
      source: 'managed-config',
    });
  });
});
