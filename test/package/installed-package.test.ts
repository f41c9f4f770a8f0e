// The npm package as an app gets it (issue 11): `npm pack` this project, install the tarball into
// an empty project, and use it the four ways users do — `npx idp-emulator serve`, an ES-module
// import, a CommonJS require (Jest-style runners), and a strict `module: nodenext` type-check.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killRunningClis, PROJECT_ROOT, spawnProcess } from '../helpers/spawn-cli.js';
import { makeTempDir, type TempDir } from '../helpers/temp-store.js';

const run = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const BUILT = ['out/main/cli.js', 'out/main/lib.js', 'out/main/lib.cjs', 'out/renderer/index.html', 'out/types/main/index.d.ts'];

let temp: TempDir;
let app: string;
let packedFiles: string[];

interface PackResult {
  filename: string;
  files: { path: string }[];
}

beforeAll(async () => {
  const missing = BUILT.filter((path) => !existsSync(join(PROJECT_ROOT, path)));
  if (missing.length > 0) throw new Error(`${missing.join(', ')} missing: run \`npm run build\` first (\`npm test\` does it for you)`);
  temp = await makeTempDir('idp-emulator-package-');
  // --ignore-scripts: prepack would build again, and npm test has just built.
  const packed = await run(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', temp.dir], { cwd: PROJECT_ROOT });
  const [result] = JSON.parse(packed.stdout) as PackResult[];
  if (!result) throw new Error(`npm pack printed no result: ${packed.stdout}`);
  packedFiles = result.files.map((file) => file.path);

  app = temp.file('app');
  await run('mkdir', [app]);
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'an-app', version: '1.0.0', private: true, type: 'module' }));
  await run(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--save-dev', join(temp.dir, result.filename)], { cwd: app });
}, 60_000);

afterAll(async () => {
  await killRunningClis();
  await temp?.remove();
});

describe('the packed npm package', () => {
  it('ships the build, types, README and LICENSE, and no tests, sources or benchmarks', () => {
    expect(packedFiles).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'bin/idp-emulator.js', ...BUILT]));
    expect(packedFiles.filter((path) => /^(test|src|bench|scripts|docs|build)\//.test(path))).toEqual([]);
    expect(packedFiles.filter((path) => path.startsWith('out/main/electron') || path.startsWith('out/preload/'))).toEqual([]);
  });

  it('does not pull in Electron or the bundled dependencies', async () => {
    expect(existsSync(join(app, 'node_modules', 'electron'))).toBe(false);
    expect(existsSync(join(app, 'node_modules', 'koa'))).toBe(false);
    const manifest = JSON.parse(await readFile(join(app, 'node_modules', 'idp-emulator', 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    expect(Object.keys(manifest.dependencies ?? {})).toEqual(['zod']);
  });

  it('npx idp-emulator serve answers discovery and serves the console', async () => {
    // What npx runs: the bin npm linked into node_modules/.bin (spawned directly so that SIGTERM
    // reaches the emulator rather than an npm wrapper).
    const bin = join(app, 'node_modules', '.bin', 'idp-emulator');
    const cli = spawnProcess(bin, ['serve', '--port', '0', '--host', '127.0.0.1', '--store', 'idp.json'], { cwd: app });
    const [, issuer = ''] = await cli.waitForStdout(/^ {2}issuer: +(\S+)$/m, 20_000);
    const discovery = await fetch(`${issuer}/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);
    expect(((await discovery.json()) as { issuer: string }).issuer).toBe(issuer);
    const page = await fetch(`${issuer}/ui/console/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    const script = /<script[^>]+src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${issuer}/ui/console/${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toEqual({ code: 0, signal: null });
  });

  const useIt = `
    const idp = await startEmulator({ port: 0, host: '127.0.0.1' });
    const res = await fetch(idp.issuer + '/.well-known/openid-configuration');
    console.log(JSON.stringify({ status: res.status, issuer: (await res.json()).issuer, expected: idp.issuer }));
    await idp.close();`;

  it("works as an ES module: import { startEmulator } from 'idp-emulator'", async () => {
    await writeFile(join(app, 'esm.mjs'), `import { startEmulator } from 'idp-emulator';\n${useIt}\n`);
    const { stdout } = await run(process.execPath, ['esm.mjs'], { cwd: app });
    const result = JSON.parse(stdout) as { status: number; issuer: string; expected: string };
    expect(result.status).toBe(200);
    expect(result.issuer).toBe(result.expected);
  });

  it("works from CommonJS: require('idp-emulator') loads the CommonJS build", async () => {
    await writeFile(
      join(app, 'cjs.cjs'),
      `const { startEmulator } = require('idp-emulator');\nconsole.error(require.resolve('idp-emulator'));\n(async () => {${useIt}\n})();\n`,
    );
    const { stdout, stderr } = await run(process.execPath, ['cjs.cjs'], { cwd: app });
    expect(stderr.trim()).toBe(join(app, 'node_modules', 'idp-emulator', 'out', 'main', 'lib.cjs'));
    const result = JSON.parse(stdout) as { status: number; issuer: string; expected: string };
    expect(result.status).toBe(200);
    expect(result.issuer).toBe(result.expected);
  });

  it('type-checks under strict nodenext without skipLibCheck, and a misspelt option is a type error', async () => {
    await writeFile(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          noEmit: true,
          skipLibCheck: false,
          types: ['node'],
          typeRoots: [join(PROJECT_ROOT, 'node_modules', '@types')],
        },
        files: ['check.ts'],
      }),
    );
    await writeFile(
      join(app, 'check.ts'),
      [
        "import { startEmulator, type Emulator, type EmulatorOptions } from 'idp-emulator';",
        "const options: EmulatorOptions = { port: 0, host: '127.0.0.1', quiet: true };",
        'const idp: Emulator = await startEmulator(options);',
        'const issuer: string = idp.issuer;',
        'console.log(issuer, idp.port + 1);',
        'await idp.close();',
        '// @ts-expect-error: "prot" is not an option (tsc fails here if this is not an error)',
        'await startEmulator({ prot: 0 });',
        '',
      ].join('\n'),
    );
    const tsc = join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: app }).catch((err: { stdout?: string; code?: number }) => err);
    expect(result.stdout).toBe('');
  }, 60_000);
});
