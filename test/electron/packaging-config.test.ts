// electron-builder.yml is checked against electron-builder's own schema (the check a real
// `electron-builder` run does first), and against what the app loads at run time. Packaging
// itself cannot run here: it downloads the Electron runtime (docs/desktop.md).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
// Both come with electron-builder (a devDependency); neither ships types for these paths.
const require = createRequire(import.meta.url);
const { load } = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(key: string, value: unknown): void }): Promise<void>;
};

interface BuilderConfig {
  productName: string;
  files: string[];
  asar: boolean;
  linux: { target: string[] };
  mac: { target: string[] };
  win: { target: string[] };
}

const config = load(readFileSync(`${root}electron-builder.yml`, 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { main: string; scripts: Record<string, string> };

describe('electron-builder.yml', () => {
  it('matches electron-builder\'s configuration schema', async () => {
    await expect(validateConfiguration(config, { isEnabled: false, add: () => undefined })).resolves.toBeUndefined();
  });

  it('packs the build output and package.json into an asar, for every platform\'s installer', () => {
    expect(config.productName).toBe('IdP Emulator');
    expect(config.files).toEqual(['out/**', 'package.json']);
    expect(config.asar).toBe(true);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
  });

  it('includes the Electron entry package.json points at', () => {
    expect(pkg.main.replace(/^\.\//, '')).toMatch(/^out\//);
  });

  it('has an icon of at least 512×512 for the installers', () => {
    const png = readFileSync(`${root}build/icon.png`);
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(512);
  });

  it('has dist scripts that build before packaging', () => {
    expect(pkg.scripts).toMatchObject({
      dist: 'npm run build && electron-builder',
      'dist:linux': 'npm run build && electron-builder --linux',
      'dist:mac': 'npm run build && electron-builder --mac',
      'dist:win': 'npm run build && electron-builder --win',
    });
    expect(existsSync(`${root}node_modules/electron-builder/package.json`)).toBe(true);
  });
});
