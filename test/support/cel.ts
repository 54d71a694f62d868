/**
 * Loads the `@marcbachmann/cel-js` evaluator for the test oracle, in plain Node and under Jest alike.
 *
 * The package is published as ES modules only. Node 20.19+ can `require()` it directly, but Jest's module runtime
 * cannot (it has its own `require` and does not transform `node_modules`), and the Jest configuration is shared by
 * the whole project. So, when the native `require` fails, the package's own files are compiled to CommonJS with the
 * TypeScript compiler (already a dev dependency) and evaluated in the current realm, so values created by the tests
 * and by the evaluator share the same `Object`, `Array` and `Map`.
 */
import * as fs from 'fs';
import * as path from 'path';

/** The part of the cel-js API the oracle uses. */
export interface CelModule {
  /** Parses an expression once; the returned function evaluates it against a context of variables. */
  parse(expression: string): (context?: Record<string, unknown>) => unknown;
}

let cached: CelModule | undefined;

/** The CEL evaluator, loaded once. */
export function loadCel(): CelModule {
  if (!cached) {
    cached = loadNatively() ?? loadTranspiled();
  }
  return cached;
}

function loadNatively(): CelModule | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require('@marcbachmann/cel-js') as Partial<CelModule>;
    return typeof loaded.parse === 'function' ? (loaded as CelModule) : undefined;
  } catch {
    return undefined;
  }
}

/** Compiles the package's ES modules to CommonJS and links them with a tiny loader (relative imports only). */
function loadTranspiled(): CelModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof import('typescript');
  const entry = resolveEntry();
  const registry = new Map<string, { exports: Record<string, unknown> }>();

  const load = (file: string): Record<string, unknown> => {
    const known = registry.get(file);
    if (known) {
      return known.exports;
    }
    const module = { exports: {} as Record<string, unknown> };
    // Registered before running, so import cycles see the partly filled exports as CommonJS would.
    registry.set(file, module);
    const source = fs.readFileSync(file, 'utf8');
    const output = ts.transpileModule(source, {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, allowJs: true },
    }).outputText;
    const localRequire = (specifier: string): unknown => {
      if (specifier.startsWith('.')) {
        return load(path.resolve(path.dirname(file), specifier));
      }
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return require(specifier);
    };
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const run = new Function('exports', 'require', 'module', '__filename', '__dirname', output) as (
      exports: Record<string, unknown>, require: (specifier: string) => unknown, module: { exports: Record<string, unknown> },
      filename: string, dirname: string) => void;
    run(module.exports, localRequire, module, file, path.dirname(file));
    return module.exports;
  };

  const loaded = load(entry) as Partial<CelModule>;
  if (typeof loaded.parse !== 'function') {
    throw new Error(`@marcbachmann/cel-js at ${entry} does not export parse()`);
  }
  return loaded as CelModule;
}

function resolveEntry(): string {
  // The package's `exports` map names only ESM entries, so look the folder up next to this repository's modules.
  const candidates = [
    path.resolve(__dirname, '../../node_modules/@marcbachmann/cel-js/lib/index.js'),
    path.resolve(process.cwd(), 'node_modules/@marcbachmann/cel-js/lib/index.js'),
  ];
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (!found) {
    throw new Error(`@marcbachmann/cel-js not found (looked in ${candidates.join(', ')})`);
  }
  return found;
}
