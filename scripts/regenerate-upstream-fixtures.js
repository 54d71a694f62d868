#!/usr/bin/env node
'use strict';
// Regenerates the upstream data the tests carry under test/fixtures/upstream/ (see SOURCE.md there):
//
//   node scripts/regenerate-upstream-fixtures.js --openshift-api DIR [--golden DIR] [--out DIR] [--check]
//   node scripts/regenerate-upstream-fixtures.js --crds DIR          [--golden DIR] [--out DIR] [--check]
//   node scripts/regenerate-upstream-fixtures.js --golden DIR        [--out DIR] [--check]
//
// --openshift-api DIR  an openshift/api checkout; the CRD manifests are read from their generated folders.
// --crds DIR           a folder of CRD files (.yaml, .yml or .json, one or more documents each), found by group and
//                      kind whatever the file names.
// --golden DIR         a folder holding mco-cases.json, mco-predicates.json and safe-regex.json.
// --out DIR            where the fixtures live (default test/fixtures/upstream).
// --check              writes nothing; exits 1 when a fixture differs from what the inputs give, 0 when none does.
//
// The CRDs are reduced to facts: every schema keyword the reduction knows is kept as upstream writes it (types,
// patterns, enums, formats, bounds, defaults, list types, x-kubernetes-* extensions, CEL rules with their messages)
// and the `description` texts are dropped. A keyword the reduction does not know stops the run, so an upstream
// change never slips prose in or a constraint out unnoticed. Output is deterministic: upstream key order, two-space
// JSON, one trailing newline. Exit codes: 0 done or up to date, 1 drift (--check) or bad input, 2 usage.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const YAML = require('yaml');

const DEFAULT_OUT = path.resolve(__dirname, '..', 'test', 'fixtures', 'upstream');
/** The openshift/api commit the committed fixtures come from (also in SOURCE.md). */
const RECORDED_OPENSHIFT_API_COMMIT = '2a3d73913b5a';

/**
 * The kinds, with the generated manifest of each in an openshift/api checkout. `specFields` keeps only those fields of
 * `spec` (and drops `status` with the root-level CEL rules, which read only status): for kinds the project models in
 * part, such as MachineConfiguration, whose other fields belong to the operator.
 */
const KINDS = [
  { kind: 'Config', group: 'imageregistry.operator.openshift.io', manifest: 'imageregistry/v1/zz_generated.crd-manifests/00_configs.crd.yaml' },
  { kind: 'Image', group: 'config.openshift.io', manifest: 'config/v1/zz_generated.crd-manifests/0000_10_config-operator_01_images.crd.yaml' },
  { kind: 'ImageContentSourcePolicy', group: 'operator.openshift.io', manifest: 'operator/v1alpha1/zz_generated.crd-manifests/0000_10_config-operator_01_imagecontentsourcepolicies.crd.yaml' },
  { kind: 'ImageDigestMirrorSet', group: 'config.openshift.io', manifest: 'config/v1/zz_generated.crd-manifests/0000_10_config-operator_01_imagedigestmirrorsets.crd.yaml' },
  { kind: 'ImagePruner', group: 'imageregistry.operator.openshift.io', manifest: 'imageregistry/v1/zz_generated.crd-manifests/01_imagepruners.crd.yaml' },
  { kind: 'ImageTagMirrorSet', group: 'config.openshift.io', manifest: 'config/v1/zz_generated.crd-manifests/0000_10_config-operator_01_imagetagmirrorsets.crd.yaml' },
  { kind: 'MachineConfiguration', group: 'operator.openshift.io', manifest: 'operator/v1/zz_generated.crd-manifests/0000_80_machine-config_01_machineconfigurations.crd.yaml', specFields: ['nodeDisruptionPolicy'] },
];

/** The golden data files and the free-text fields (explanations, not data) left out of each. */
const GOLDEN = [
  { file: 'mco-cases.json', entries: true, required: ['name', 'level', 'input', 'expected'], dropped: ['notes', 'provenance'] },
  { file: 'mco-predicates.json', entries: true, required: ['fn', 'input', 'expected'], dropped: ['notes', 'provenance'] },
  { file: 'safe-regex.json', entries: false, required: ['scopeOriginal', 'scopeLinearSafe', 'mirrorOriginal', 'mirrorLinearSafe'], dropped: [] },
];

class InputError extends Error {}
class UsageError extends Error {}

// ---------------------------------------------------------------------------------------------------------------
// Reduction of one CRD

/** Schema keywords whose value is a nested schema, a list of schemas or a map of schemas. */
const SCHEMA_CHILD = new Set(['items', 'not', 'additionalProperties']);
const SCHEMA_LIST = new Set(['anyOf', 'allOf', 'oneOf']);
const SCHEMA_MAP = new Set(['properties', 'patternProperties']);
/** Schema keywords kept verbatim: the constraints and extensions the API server applies. */
const SCHEMA_FACTS = new Set([
  'type', 'format', 'required', 'enum', 'pattern', 'default', 'nullable',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties',
  'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-int-or-string', 'x-kubernetes-embedded-resource',
  'x-kubernetes-list-type', 'x-kubernetes-list-map-keys', 'x-kubernetes-map-type',
]);
/** Schema keywords that hold prose or examples: dropped. */
const SCHEMA_PROSE = new Set(['description', 'example', 'externalDocs', 'title']);
/** Fields of one `x-kubernetes-validations` entry (all facts: the rule and what the API server answers). */
const CEL_FIELDS = new Set(['rule', 'message', 'messageExpression', 'reason', 'fieldPath', 'optionalOldSelf']);

function isPlainObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Copies JSON-like data (defaults, enums) as it is: keys named like keywords inside data are data. */
function copyData(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function reduceSchema(node, where) {
  if (typeof node === 'boolean') {
    return node;
  }
  if (!isPlainObject(node)) {
    throw new InputError(`${where}: expected a schema object, got ${JSON.stringify(node)}`);
  }
  const out = {};
  for (const [keyword, value] of Object.entries(node)) {
    if (SCHEMA_PROSE.has(keyword)) {
      continue;
    }
    if (SCHEMA_CHILD.has(keyword)) {
      out[keyword] = reduceSchema(value, `${where}.${keyword}`);
    } else if (SCHEMA_LIST.has(keyword)) {
      out[keyword] = list(value, `${where}.${keyword}`).map((child, index) => reduceSchema(child, `${where}.${keyword}[${index}]`));
    } else if (SCHEMA_MAP.has(keyword)) {
      out[keyword] = Object.fromEntries(Object.entries(pick(value, undefined, [], `${where}.${keyword}`)).map(([name, child]) => [name, reduceSchema(child, `${where}.${keyword}.${name}`)]));
    } else if (keyword === 'x-kubernetes-validations') {
      out[keyword] = list(value, `${where}.${keyword}`).map((rule, index) => pick(rule, CEL_FIELDS, [], `${where}.${keyword}[${index}]`));
    } else if (SCHEMA_FACTS.has(keyword)) {
      out[keyword] = copyData(value);
    } else {
      throw new InputError(`${where}: unknown schema keyword "${keyword}"; decide whether it is a fact or prose and list it in ${path.basename(__filename)}`);
    }
  }
  return out;
}

function list(value, where) {
  if (!Array.isArray(value)) {
    throw new InputError(`${where}: expected a list, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Copies the `kept` fields (all when undefined) of `object` in its own order, skips `dropped`, refuses the rest. */
function pick(object, kept, dropped, where) {
  if (!isPlainObject(object)) {
    throw new InputError(`${where}: expected an object, got ${JSON.stringify(object)}`);
  }
  const out = {};
  for (const [key, value] of Object.entries(object)) {
    if (dropped.includes(key)) {
      continue;
    }
    if (kept && !kept.has(key)) {
      throw new InputError(`${where}: unknown field "${key}"; decide whether it is a fact or prose and list it in ${path.basename(__filename)}`);
    }
    out[key] = copyData(value);
  }
  return out;
}

const VERSION_FIELDS = new Set(['name', 'served', 'storage', 'deprecated', 'subresources', 'schema', 'additionalPrinterColumns', 'selectableFields']);
const PRINTER_COLUMN_FIELDS = new Set(['name', 'type', 'format', 'jsonPath', 'priority']);

/**
 * The part of a root schema a kind with `specFields` keeps: `apiVersion`, `kind`, `metadata` and `spec` with only the
 * listed fields; `status` and the root-level CEL rules (which read only status, dropped by the API server on create)
 * go. Applying it to its own output changes nothing, so the fixtures stay a fixed point of the script.
 */
function focusRoot(root, specFields, where) {
  const spec = root.properties && root.properties.spec;
  if (!isPlainObject(spec) || !isPlainObject(spec.properties)) {
    throw new InputError(`${where}: expected spec.properties to keep ${specFields.join(', ')} from`);
  }
  const missing = specFields.filter((field) => !(field in spec.properties));
  if (missing.length > 0) {
    throw new InputError(`${where}: spec has no ${missing.join(', ')}`);
  }
  const out = {};
  for (const [keyword, value] of Object.entries(root)) {
    if (keyword === 'x-kubernetes-validations') {
      continue;
    }
    if (keyword === 'properties') {
      out.properties = {};
      for (const [name, child] of Object.entries(value)) {
        if (name === 'spec') {
          out.properties.spec = { ...child, properties: Object.fromEntries(Object.entries(child.properties).filter(([field]) => specFields.includes(field))) };
        } else if (name !== 'status') {
          out.properties[name] = child;
        }
      }
    } else if (keyword === 'required') {
      out.required = value.filter((name) => name !== 'status');
    } else {
      out[keyword] = value;
    }
  }
  return out;
}

/** A CRD reduced to the facts the tests use: identity, scope, versions with their schemas, no prose. */
function reduceCrd(crd, where, specFields) {
  const spec = crd.spec;
  if (crd.kind !== 'CustomResourceDefinition' || !isPlainObject(spec) || !Array.isArray(spec.versions)) {
    throw new InputError(`${where}: not a CustomResourceDefinition with spec.versions`);
  }
  return {
    apiVersion: crd.apiVersion,
    kind: crd.kind,
    metadata: { name: crd.metadata.name },
    spec: {
      group: spec.group,
      names: copyData(spec.names),
      scope: spec.scope,
      versions: spec.versions.map((version, index) => {
        const at = `${where}: spec.versions[${index}]`;
        const out = {};
        for (const [key, value] of Object.entries(pick(version, VERSION_FIELDS, ['deprecationWarning'], at))) {
          if (key === 'schema') {
            const root = reduceSchema(version.schema.openAPIV3Schema, `${at}.schema.openAPIV3Schema`);
            out.schema = { openAPIV3Schema: specFields ? focusRoot(root, specFields, `${at}.schema.openAPIV3Schema`) : root };
          } else if (key === 'additionalPrinterColumns') {
            out[key] = version[key].map((column, i) => pick(column, PRINTER_COLUMN_FIELDS, ['description'], `${at}.${key}[${i}]`));
          } else {
            out[key] = value;
          }
        }
        return out;
      }),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Reading the inputs

/** Every CRD document in one file (YAML, or JSON, which is YAML too). */
function crdDocuments(file) {
  const documents = YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'));
  const out = [];
  for (const document of documents) {
    if (document.errors.length > 0) {
      throw new InputError(`${file}: ${document.errors[0].message}`);
    }
    const value = document.toJS();
    if (isPlainObject(value) && value.kind === 'CustomResourceDefinition') {
      refuseUnsafeIntegers(value, file);
      out.push(value);
    }
  }
  return out;
}

/** JavaScript numbers cannot carry integers beyond 2^53 exactly; such a bound would be copied wrong. */
function refuseUnsafeIntegers(value, file) {
  if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) {
    throw new InputError(`${file}: the integer ${value} cannot be carried exactly in JSON read by JavaScript`);
  }
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) {
      refuseUnsafeIntegers(child, file);
    }
  }
}

/** The CRDs of a folder of CRD files, keyed by kind; each must be there exactly once. */
function crdsFromFolder(dir) {
  const found = new Map();
  const files = fs.readdirSync(dir).filter((name) => /\.(ya?ml|json)$/.test(name)).sort();
  for (const name of files) {
    for (const crd of crdDocuments(path.join(dir, name))) {
      const wanted = KINDS.find((entry) => entry.kind === crd.spec?.names?.kind && entry.group === crd.spec?.group);
      if (!wanted) {
        continue;
      }
      if (found.has(wanted.kind)) {
        throw new InputError(`${dir}: ${wanted.group} ${wanted.kind} is defined twice (${found.get(wanted.kind).file} and ${name})`);
      }
      found.set(wanted.kind, { file: name, crd });
    }
  }
  return requireAllKinds(found, dir);
}

/** The CRDs of an openshift/api checkout, from their generated manifests. */
function crdsFromOpenshiftApi(dir) {
  const found = new Map();
  for (const entry of KINDS) {
    const file = path.join(dir, entry.manifest);
    if (!fs.existsSync(file)) {
      throw new InputError(`${dir}: ${entry.manifest} is missing; is this an openshift/api checkout? (a moved manifest: pass its folder with --crds)`);
    }
    const crd = crdDocuments(file).find((candidate) => candidate.spec?.names?.kind === entry.kind && candidate.spec?.group === entry.group);
    if (crd) {
      found.set(entry.kind, { file: entry.manifest, crd });
    }
  }
  return requireAllKinds(found, dir);
}

function requireAllKinds(found, dir) {
  const missing = KINDS.filter((entry) => !found.has(entry.kind)).map((entry) => `${entry.group} ${entry.kind}`);
  if (missing.length > 0) {
    throw new InputError(`${dir}: no CRD for ${missing.join(', ')}`);
  }
  return found;
}

/** The commit of a git checkout, or undefined when `dir` is not one (or git is absent). */
function gitCommit(dir) {
  const result = spawnSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function goldenFile(dir, spec) {
  const file = path.join(dir, spec.file);
  if (!fs.existsSync(file)) {
    throw new InputError(`${file} is missing`);
  }
  let data;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError(`${file}: ${error.message}`);
  }
  const entries = spec.entries ? data : [data];
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new InputError(`${file}: expected a non-empty array`);
  }
  const reduced = entries.map((entry, index) => {
    const missing = spec.required.filter((key) => !isPlainObject(entry) || !(key in entry));
    if (missing.length > 0) {
      throw new InputError(`${file}: entry ${index} lacks ${missing.join(', ')}`);
    }
    return Object.fromEntries(Object.entries(entry).filter(([key]) => !spec.dropped.includes(key)));
  });
  return spec.entries ? reduced : reduced[0];
}

// ---------------------------------------------------------------------------------------------------------------
// Output

function json(value) {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** The fixture files (path relative to the output folder -> content) the inputs give. */
function expectedFiles(options) {
  const files = new Map();
  const crdSource = options.openshiftApi ?? options.crds;
  if (crdSource) {
    const crds = options.openshiftApi ? crdsFromOpenshiftApi(crdSource) : crdsFromFolder(crdSource);
    for (const entry of KINDS) {
      const { file, crd } = crds.get(entry.kind);
      files.set(`crds/${entry.kind}.crd.json`, json(reduceCrd(crd, path.join(crdSource, file), entry.specFields)));
    }
  }
  if (options.golden) {
    for (const spec of GOLDEN) {
      files.set(spec.file, json(goldenFile(options.golden, spec)));
    }
  }
  return files;
}

/** Fixture files in `out` that the inputs would not produce (only in the folders the inputs cover). */
function staleFiles(out, files, options) {
  const crdDir = path.join(out, 'crds');
  if (!(options.openshiftApi || options.crds) || !fs.existsSync(crdDir)) {
    return [];
  }
  return fs.readdirSync(crdDir).filter((name) => name.endsWith('.crd.json')).map((name) => `crds/${name}`).filter((name) => !files.has(name));
}

function check(out, files, options) {
  const drift = [];
  for (const [name, content] of files) {
    const file = path.join(out, name);
    if (!fs.existsSync(file)) {
      drift.push(`missing: ${name}`);
    } else if (fs.readFileSync(file, 'utf8') !== content) {
      drift.push(`differs: ${name}`);
    }
  }
  for (const name of staleFiles(out, files, options)) {
    drift.push(`not produced by the inputs: ${name}`);
  }
  if (drift.length > 0) {
    process.stderr.write(`${drift.length} fixture(s) out of date in ${out}:\n${drift.map((line) => `  ${line}`).join('\n')}\n`);
    return 1;
  }
  process.stdout.write(`${files.size} fixture(s) up to date in ${out}\n`);
  return 0;
}

function write(out, files, options) {
  // Everything is computed before the first write, so bad input leaves the fixtures as they were.
  for (const [name, content] of files) {
    const file = path.join(out, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const scratch = `${file}.tmp-${process.pid}`;
    fs.writeFileSync(scratch, content);
    fs.renameSync(scratch, file);
  }
  for (const name of staleFiles(out, files, options)) {
    fs.rmSync(path.join(out, name));
  }
  process.stdout.write(`${files.size} fixture(s) written to ${out}\n`);
  return 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Command line

const USAGE = 'usage: regenerate-upstream-fixtures.js (--openshift-api DIR | --crds DIR) [--golden DIR] [--out DIR] [--check]\n' +
  '       regenerate-upstream-fixtures.js --golden DIR [--out DIR] [--check]\n';

function parseArgs(argv) {
  const options = { out: DEFAULT_OUT, check: false };
  const valued = { '--openshift-api': 'openshiftApi', '--crds': 'crds', '--golden': 'golden', '--out': 'out' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--check') {
      options.check = true;
    } else if (valued[arg]) {
      if (argv[i + 1] === undefined || argv[i + 1].startsWith('--')) {
        throw new UsageError(`${arg} needs a folder`);
      }
      options[valued[arg]] = path.resolve(argv[++i]);
    } else {
      throw new UsageError(`unknown argument "${arg}"`);
    }
  }
  if (options.openshiftApi && options.crds) {
    throw new UsageError('--openshift-api and --crds are alternatives; give one');
  }
  if (!options.openshiftApi && !options.crds && !options.golden) {
    throw new UsageError('nothing to do: give --openshift-api or --crds, and/or --golden');
  }
  for (const key of ['openshiftApi', 'crds', 'golden']) {
    if (options[key] && !fs.statSync(options[key], { throwIfNoEntry: false })?.isDirectory()) {
      throw new UsageError(`${options[key]} is not a folder`);
    }
  }
  return options;
}

function main(argv) {
  let options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  try {
    if (options.openshiftApi) {
      const commit = gitCommit(options.openshiftApi);
      if (commit && !commit.startsWith(RECORDED_OPENSHIFT_API_COMMIT)) {
        process.stderr.write(`note: ${options.openshiftApi} is at ${commit}; SOURCE.md records ${RECORDED_OPENSHIFT_API_COMMIT}: update it (and this script) when the fixtures change\n`);
      }
    }
    const files = expectedFiles(options);
    return options.check ? check(options.out, files, options) : write(options.out, files, options);
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(`error: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2));
