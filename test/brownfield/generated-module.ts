/**
 * Running what `ocp-images import` prints as a user does: type-checked with the real TypeScript compiler against the
 * library's sources (the strict settings of the repository), compiled to CommonJS, loaded, and its `build()` called
 * in a cdk8s chart that is then synthesized.
 */
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import * as ts from 'typescript';

const REPO = path.resolve(__dirname, '../..');

/** Where the generated modules pretend to live, so module resolution finds the repository's node_modules. */
const VIRTUAL_DIR = path.join(REPO, 'test', 'brownfield', '__generated__');

/**
 * Type-checks generated modules (name → text) together, as the repository's tsconfig does (strict, no unused
 * locals), with `cdk-openshift-images` resolved to the sources. Returns the diagnostics, one string each.
 */
export function typeCheck(modules: Readonly<Record<string, string>>): string[] {
  const files = new Map(Object.entries(modules).map(([name, text]) => [path.join(VIRTUAL_DIR, `${name}.ts`), text]));
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    strict: true,
    noImplicitReturns: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
    baseUrl: REPO,
    paths: { 'cdk-openshift-images': ['src/index.ts'] },
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (file) => files.get(file) ?? readFile(file);
  host.fileExists = (file) => files.has(file) || fileExists(file);
  host.getSourceFile = (file, languageVersion, onError, shouldCreate) => {
    const text = files.get(file);
    return text !== undefined ? ts.createSourceFile(file, text, languageVersion, true) : getSourceFile(file, languageVersion, onError, shouldCreate);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  return ts.getPreEmitDiagnostics(program)
    .filter((diagnostic) => diagnostic.file === undefined || files.has(diagnostic.file.fileName))
    .map((diagnostic) => {
      const where = diagnostic.file && diagnostic.start !== undefined
        ? `${path.basename(diagnostic.file.fileName)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1}: `
        : '';
      return `${where}${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
    });
}

/** The module's `build`, compiled to CommonJS and loaded with `cdk-openshift-images` meaning the sources. */
export function loadBuild(text: string): (scope: Chart) => void {
  const compiled = ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
  const exports: { build?: (scope: Chart) => void } = {};
  const requireFor = (name: string): unknown => {
    if (name === 'cdk-openshift-images') {
      return require('../../src');
    }
    if (name === 'cdk8s' || name === 'constructs') {
      return require(name);
    }
    throw new Error(`the generated module requires ${name}, which it should not`);
  };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  new Function('exports', 'require', compiled)(exports, requireFor);
  if (typeof exports.build !== 'function') {
    throw new Error('the generated module exports no build function');
  }
  return exports.build;
}

/** What a chart with the module's objects synthesizes to. */
export function synthesize(build: (scope: Chart) => void): Record<string, unknown>[] {
  const chart = new Chart(Testing.app(), 'imported');
  build(chart);
  return Testing.synth(chart) as Record<string, unknown>[];
}
