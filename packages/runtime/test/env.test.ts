import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadRegistry, parseEnv } from '../src/index.js';

describe('parseEnv', () => {
  it('applies the contract defaults', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 8080, HOST: '127.0.0.1', DATABASE_PATH: './data/recon.db', RECON_API_TOKENS: [] });
    expect(env.REDIS_URL).toBeUndefined();
  });

  it('splits and trims the write tokens, and treats empty variables as unset', () => {
    const env = parseEnv({ RECON_API_TOKENS: ' a, b ,,c ', REDIS_URL: '' });
    expect(env.RECON_API_TOKENS).toEqual(['a', 'b', 'c']);
    expect(env.REDIS_URL).toBeUndefined();
  });

  it('names every bad variable in one readable error', () => {
    let error: unknown;
    try {
      parseEnv({ PORT: 'eighty', REDIS_URL: 'localhost:6379', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('PORT');
    expect(message).toContain('REDIS_URL: must be a redis:// or rediss:// URL');
    expect(message).toContain('LOG_LEVEL');
  });
});

describe('loadRegistry', () => {
  const file = (content: string): string => {
    const path = join(mkdtempSync(join(tmpdir(), 'recon-actors-')), 'actors.json');
    writeFileSync(path, content);
    return path;
  };

  it('extends the default registry from RECON_ACTORS_FILE', () => {
    const path = file(
      JSON.stringify({
        actors: [
          { id: 'katiba-serma', name: 'Katiba Serma', kind: 'armed_group', side: 'jnim', aliases: ['Serma brigade'] },
          { id: 'fama', name: 'Malian Armed Forces', kind: 'state_forces', side: 'mali-state', aliases: ['Malian National Guard'] },
        ],
      }),
    );
    const reg = loadRegistry({ RECON_ACTORS_FILE: path });
    expect(reg.lookup('serma BRIGADE')?.id).toBe('katiba-serma');
    expect(reg.lookup('Malian National Guard')?.id).toBe('fama');
    expect(reg.lookup('FAMa')?.id).toBe('fama');
    expect(reg.perspective(reg.resolve('Katiba Serma'), reg.resolve('FAMa'))).toBe('adversary');
  });

  it('says which file is wrong and why', () => {
    expect(() => loadRegistry({ RECON_ACTORS_FILE: file('{ not json') })).toThrow(/RECON_ACTORS_FILE .* is not a readable JSON file/);
    expect(() => loadRegistry({ RECON_ACTORS_FILE: file('{"actors":[{"id":"Bad Id","name":"x","kind":"pmc"}]}') })).toThrow(
      /actors\.0\.id: must be a lower-case slug/,
    );
    expect(() => loadRegistry({ RECON_ACTORS_FILE: '/nonexistent/actors.json' })).toThrow(ConfigError);
  });
});
