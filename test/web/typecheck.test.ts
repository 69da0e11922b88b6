import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/lib/tools.js';

/** Type-checks web/ (plain JS with `// @ts-check`, web/tsconfig.json: DOM lib, checkJs) the way `tsc -p web` does. */
function webDiagnostics(): string[] {
  const configPath = join(projectRoot, 'web', 'tsconfig.json');
  const config = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, join(projectRoot, 'web'));
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where =
      d.file && d.start !== undefined
        ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}`
        : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

describe('the web code', () => {
  it('type-checks with checkJs and every file asks for it', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const web = join(projectRoot, 'web');
    const files = [
      ...readdirSync(web).map((f) => join(web, f)),
      ...['pages', 'locales'].flatMap((d) => readdirSync(join(web, d)).map((f) => join(web, d, f))),
    ].filter((f) => f.endsWith('.js'));
    expect(files.length).toBeGreaterThan(20);
    expect(files.filter((f) => !readFileSync(f, 'utf8').startsWith('// @ts-check'))).toEqual([]);
    expect(webDiagnostics()).toEqual([]);
  });
});
