/**
 * Mutation testing bounded to the rule modules (issue 11): each exported `r<NN>…` function in domain/rules/ is
 * disabled in turn — rewritten in a temporary copy of the project to return a permissive value — and the rule
 * tests run against it; a mutant they let survive is then run against the workflow tests that cover the rule
 * (with --workflows). A mutant is *killed* when a test fails. Prints a table and writes
 * test-results/mutation.json.
 *
 *   npm run test:mutation                    # rule tests only (about five minutes on two cores)
 *   npm run test:mutation -- --workflows     # survivors also against the workflow tests of their rule
 *   npm run test:mutation -- r17 r24         # only functions whose name starts with these
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RULES_DIR = 'domain/rules';

/** The fast tests of every rule function. */
const RULE_TESTS = [
  'test/rules',
  'test/meetings/rules.test.ts',
  'test/escalation/rules.test.ts',
  'test/legal-center/rules-and-flags.test.ts',
  'test/working-days.test.ts',
];

/** The workflow tests that cover each rule, run for a mutant the rule tests let survive (--workflows). */
const WORKFLOW_TESTS: Record<string, string[]> = {
  R1: ['test/catalog/catalog.test.ts'],
  R3: ['test/workflows/launch-and-participation.test.ts'],
  R4: ['test/workflows/launch-and-participation.test.ts'],
  R5: ['test/workflows/launch-and-participation.test.ts'],
  R6: ['test/workflows/launch-and-participation.test.ts'],
  R7: ['test/participation/hearings.test.ts'],
  R9: ['test/workflows/experts-and-risk.test.ts'],
  R11: ['test/workflows/experts-and-risk.test.ts'],
  R12: ['test/workflows/experts-and-risk.test.ts'],
  R14: ['test/workflows/experts-and-risk.test.ts'],
  R15: ['test/workflows/legality-review.test.ts'],
  R16: ['test/workflows/legality-review.test.ts'],
  R17: ['test/workflows/legality-review.test.ts'],
  R19: ['test/workflows/legality-review.test.ts'],
  R21: ['test/workflows/meeting-and-publication.test.ts'],
  R22: ['test/meetings/agenda.test.ts'],
  R24: ['test/meetings/agenda.test.ts'],
  R25: ['test/workflows/meeting-and-publication.test.ts'],
  R26: ['test/workflows/meeting-and-publication.test.ts'],
  R27: ['test/workflows/meeting-and-publication.test.ts'],
  R28: ['test/meetings/after-publication.test.ts'],
  R29: ['test/meetings/after-publication.test.ts'],
  R30: ['test/meetings/after-publication.test.ts'],
  R31: ['test/workflows/withdrawal-and-audit.test.ts', 'test/meetings/after-publication.test.ts'],
  R33: ['test/workflows/happy-path.test.ts'],
  R34: ['test/escalation/ladder.test.ts'],
  R35: ['test/escalation/ladder.test.ts'],
  R36: ['test/escalation/ladder.test.ts'],
  R37: ['test/escalation/ladder.test.ts'],
  R40: ['test/escalation/ladder.test.ts', 'test/workflows/legality-review.test.ts'],
};

/** Permissive bodies where the return type alone does not say what "disabled" means. */
const OVERRIDES: Record<string, string> = {
  r4ParticipationApplies: "return { applies: false, reason: '' };",
  r9ExpertArgumentationApplies: "return { applies: false, reason: '' };",
  r12RiskAssessmentApplies: "return { applies: false, reason: '' };",
  r17ReviewWorkingDays: 'return { days: 1 };',
  r29NextReportDue: 'return from;',
  r30EvaluationDueAt: 'return from;',
  r33AddWorkingDays:
    "return { dueAt: new Date(from.getTime() + days * 86_400_000).toISOString(), rule, basis: 'working_days', days, provisional: false };",
  r33AddCalendarDays:
    "return { dueAt: new Date(from.getTime() + days * 86_400_000).toISOString(), rule, basis: 'calendar_days', days, provisional: false };",
  r36PairState: "return 'sent';",
  r37StepKey: 'return taskId;',
  r28DossierOrder: 'return entries;',
  r32LoadableYears: 'return { first: 1900, last: 9999 };',
};

export interface Mutant {
  rule: string;
  fn: string;
  file: string;
  body: string;
}

/** Every exported r<NN> function of a rule module, with the body its mutant gets. */
export function mutantsOf(file: string, source: string): Mutant[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const out: Mutant[] = [];
  for (const st of sf.statements) {
    if (!ts.isFunctionDeclaration(st) || !st.name || !st.body) continue;
    if (!st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    const m = /^r(\d+)[A-Z]/.exec(st.name.text);
    if (!m) continue;
    const type = st.type?.getText(sf).replace(/\s+/g, ' ') ?? '';
    out.push({ rule: `R${m[1]}`, fn: st.name.text, file, body: OVERRIDES[st.name.text] ?? permissiveBody(type) });
  }
  return out;
}

function permissiveBody(type: string): string {
  if (/^RuleViolation ?\| ?undefined$/.test(type)) return 'return undefined;';
  if (type === 'boolean') return 'return !ORIGINAL;';
  if (type === 'number') return 'return 0;';
  if (type === 'string') return "return '';";
  if (type.endsWith('[]')) return 'return [];';
  // A function whose "disabled" value the script cannot guess is reported, not skipped silently.
  return `throw new Error('mutant: no permissive value for ${type.replace(/'/g, '')}: add an override in scripts/mutation.ts');`;
}

/** The module's source with one function's body replaced (a boolean is negated: ORIGINAL is its own body run). */
export function applyMutant(source: string, mutant: Mutant): string {
  const sf = ts.createSourceFile(mutant.file, source, ts.ScriptTarget.Latest, true);
  const decl = sf.statements.find(
    (s): s is ts.FunctionDeclaration => ts.isFunctionDeclaration(s) && s.name?.text === mutant.fn,
  )!;
  const body = decl.body!;
  const original = source.slice(body.getStart(sf), body.getEnd());
  const replacement = `{ ${mutant.body.replace('ORIGINAL', `(() => ${original})()`)} }`;
  return source.slice(0, body.getStart(sf)) + replacement + source.slice(body.getEnd());
}

/** A copy of the tracked sources, sharing node_modules, the tools and the generated client. */
function scratchCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'yifa-mutation-'));
  const tracked = spawnSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
    .stdout.split('\0')
    .filter(Boolean);
  for (const f of tracked) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    cpSync(join(root, f), join(dir, f));
  }
  for (const link of ['node_modules', '.tools', 'generated']) symlinkSync(join(root, link), join(dir, link));
  return dir;
}

/** The full names of the tests that failed (a run that reports nothing counts as one failure: it crashed). */
function failingTests(dir: string, files: string[]): Set<string> {
  const out = join(dir, 'mutation-report.json');
  rmSync(out, { force: true });
  spawnSync('npx', ['vitest', 'run', '--reporter=json', `--outputFile=${out}`, ...files], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, CI: '' },
  });
  try {
    const report = JSON.parse(readFileSync(out, 'utf8')) as {
      testResults: Array<{
        name: string;
        status: string;
        assertionResults: Array<{ fullName: string; status: string }>;
      }>;
    };
    const failed = new Set<string>();
    for (const f of report.testResults) {
      if (f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed'))
        failed.add(`${f.name}: (file failed)`);
      for (const a of f.assertionResults)
        if (a.status === 'failed') failed.add(`${f.name.replace(dir, '')}: ${a.fullName}`);
    }
    return failed;
  } catch {
    return new Set(['(the test run reported nothing)']);
  }
}

/** Killed: a test fails that did not fail without the mutant. */
function kills(dir: string, files: string[], baseline: Set<string>): boolean {
  return [...failingTests(dir, files)].some((t) => !baseline.has(t));
}

function main() {
  const args = process.argv.slice(2);
  const withWorkflows = args.includes('--workflows');
  const only = args.filter((a) => !a.startsWith('--'));
  const files = readdirSync(join(root, RULES_DIR))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `${RULES_DIR}/${f}`);
  const mutants = files
    .flatMap((f) => mutantsOf(f, readFileSync(join(root, f), 'utf8')))
    .filter((m) => !only.length || only.some((o) => m.fn.startsWith(o)))
    .sort((a, b) => Number(a.rule.slice(1)) - Number(b.rule.slice(1)) || a.fn.localeCompare(b.fn));
  const dir = scratchCopy();
  const results: Array<Mutant & { killedBy?: 'rule tests' | 'workflow tests'; survived: boolean }> = [];
  try {
    // Tests that already fail without a mutant (someone else's work in progress) are reported and do not count.
    const baseline = failingTests(dir, RULE_TESTS);
    for (const t of baseline) console.log(`baseline failure (not counted): ${t}`);
    // With --workflows, each workflow test set's own failures without a mutant, measured before any mutant.
    const workflowBaseline = new Map<string, Set<string>>();
    if (withWorkflows)
      for (const files of new Set(
        mutants.flatMap((m) => (WORKFLOW_TESTS[m.rule] ? [WORKFLOW_TESTS[m.rule].join(' ')] : [])),
      ))
        workflowBaseline.set(files, failingTests(dir, files.split(' ')));
    const workflowKills = (rule: string) =>
      !!WORKFLOW_TESTS[rule] &&
      kills(dir, WORKFLOW_TESTS[rule], workflowBaseline.get(WORKFLOW_TESTS[rule].join(' ')) ?? new Set());
    for (const m of mutants) {
      const path = join(dir, m.file);
      const source = readFileSync(path, 'utf8');
      writeFileSync(path, applyMutant(source, m));
      let killedBy: 'rule tests' | 'workflow tests' | undefined;
      try {
        if (kills(dir, RULE_TESTS, baseline)) killedBy = 'rule tests';
        else if (withWorkflows && workflowKills(m.rule)) killedBy = 'workflow tests';
      } finally {
        writeFileSync(path, source);
      }
      results.push({ ...m, killedBy, survived: !killedBy });
      console.log(
        `${killedBy ? 'killed  ' : 'SURVIVED'} ${m.rule.padEnd(4)} ${m.fn}${killedBy ? ` (${killedBy})` : ''}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const killed = results.filter((r) => !r.survived).length;
  console.log(
    `\n${killed} of ${results.length} mutants killed${withWorkflows ? ' (rule tests, then workflow tests for survivors)' : ' (rule tests)'}`,
  );
  mkdirSync(join(root, 'test-results'), { recursive: true });
  writeFileSync(
    join(root, 'test-results', 'mutation.json'),
    JSON.stringify({ at: new Date().toISOString(), withWorkflows, killed, total: results.length, results }, null, 2),
  );
  if (killed < results.length) process.exitCode = 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
