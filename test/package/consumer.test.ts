/**
 * The package as it is consumed: packed with `npm pack`, installed from the tarball with `npm install` into projects
 * made from the stock `cdk8s init typescript-app` and `cdktf init --template typescript` templates (their own
 * tsconfig.json, TypeScript's `node10` resolution that ignores `exports`), compiled with the real tsc, run with
 * node, and judged by what they write. See ./consumer.ts for how this works offline.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import {
  ConsumerProject, createConsumerProject, makeWorkDir, node, PackedPackage, packRepository, run, Run, tsc,
} from './consumer';

const workDir = makeWorkDir();
let packed: PackedPackage;

beforeAll(() => {
  packed = packRepository(workDir);
});

afterAll(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
});

type Manifest = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string }; spec?: any; data?: any };

function readYamlObjects(file: string): Manifest[] {
  return YAML.parseAllDocuments(fs.readFileSync(file, 'utf8')).map((document) => document.toJSON() as Manifest).filter(Boolean);
}

function find(objects: Manifest[], kind: string, name?: string): Manifest {
  const found = objects.find((object) => object.kind === kind && (name === undefined || object.metadata.name === name));
  if (!found) {
    throw new Error(`no ${kind}${name ? `/${name}` : ''} among ${objects.map((object) => `${object.kind}/${object.metadata.name}`).join(', ')}`);
  }
  return found;
}

/** The only resource of `type` in a synthesized stack. */
function onlyResource(stack: any, type: string): any {
  const resources = Object.values(stack.resource?.[type] ?? {});
  expect(resources).toHaveLength(1);
  return resources[0];
}

function expectCompiles(project: ConsumerProject): void {
  const result = tsc(project.dir);
  expect({ status: result.status, output: `${result.stdout}${result.stderr}` }).toEqual({ status: 0, output: '' });
}

function expectRuns(result: Run): void {
  expect({ status: result.status, stderr: result.status === 0 ? '' : result.stderr }).toEqual({ status: 0, stderr: '' });
}

/** What npm prints when it runs a lifecycle script of ours, or lists one for the user to approve. */
function expectNoScriptOfOurs(install: Run, name: string): void {
  const output = `${install.stdout}\n${install.stderr}`;
  expect(output).toMatch(/(changed|added) \d+ packages?|up to date/);
  expect(output).not.toContain('install-scripts');
  expect(output).not.toContain('allowScripts');
  expect(output).not.toContain(`> ${name}@`);
}

/** The message the package gives for missing peers, with the ranges of its packed package.json. */
function missingPeersMessage(entry: string, peers: string[]): string {
  const specs = peers.map((peer) => `${peer}@${packed.manifest.peerDependencies[peer]}`);
  const list = specs.length === 1 ? specs[0] : `${specs.slice(0, -1).join(', ')} and ${specs[specs.length - 1]}`;
  return `${entry} needs the peer ${specs.length === 1 ? 'dependency' : 'dependencies'} ${list}, which ${specs.length === 1 ? 'is' : 'are'} not installed: npm install ${specs.join(' ')}`;
}

/**
 * Both entries in one program, compiled with the project's stock tsconfig (with every file of the project), run:
 * the registry Config of the chart names the bucket, region and KMS key of the stack.
 */
function expectBothEntriesAgree(project: ConsumerProject): void {
  project.copy('both-entries/both.ts');
  expectCompiles(project);
  expectRuns(node(['both.js'], project.dir));
  const config = find(readYamlObjects(project.file('both-dist/registry.k8s.yaml')), 'Config', 'cluster');
  const stack = JSON.parse(fs.readFileSync(project.file('both-cdktf.out/stacks/registry/cdk.tf.json'), 'utf8'));
  const bucket = onlyResource(stack, 'aws_s3_bucket');
  const alias = onlyResource(stack, 'aws_kms_alias');
  expect(config.spec.storage.managementState).toBe('Unmanaged');
  expect(config.spec.storage.s3.bucket).toBe(bucket.bucket);
  expect(config.spec.storage.s3.region).toBe(stack.provider.aws[0].region);
  expect(config.spec.storage.s3.keyID).toMatch(new RegExp(`^arn:aws:kms:us-east-2:111122223333:${alias.name}$`));
}

describe('GIVEN `npm pack` of the repository', () => {
  test('THEN the packed package.json carries no script at all, and the repository keeps its own package.json byte for byte', () => {
    expect(packed.manifest.scripts).toBeUndefined();
    expect(packed.manifestRestored).toBe(true);
    // `npm ci` on a clone still builds lib/: the repository's package.json keeps `prepare`.
    const repository = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));
    expect(repository.scripts.prepare).toContain('build');
  });

  test('THEN it ships compiled JavaScript with declarations, the bin and the aws/ folder, and no TypeScript source or source map', () => {
    for (const file of ['lib/index.js', 'lib/index.d.ts', 'lib/aws.js', 'lib/aws.d.ts', 'aws/package.json', 'bin/ocp-images.js', 'README.md']) {
      expect(packed.files).toContain(file);
    }
    expect(packed.files.filter((file) => /\.map$|^src\/|(?<!\.d)\.ts$/.test(file))).toEqual([]);
    expect(packed.manifest.main).toBe('lib/index.js');
  });

  test('THEN constructs is the only required peer; cdk8s, cdktf and the AWS provider are optional; cdk8s-plus is none', () => {
    const peers = Object.keys(packed.manifest.peerDependencies).sort();
    const optional = peers.filter((peer) => packed.manifest.peerDependenciesMeta?.[peer]?.optional === true);
    expect(peers).toEqual(['@cdktf/provider-aws', 'cdk8s', 'cdktf', 'constructs']);
    expect(optional).toEqual(['@cdktf/provider-aws', 'cdk8s', 'cdktf']);
  });
});

describe('GIVEN a project made from the stock `cdk8s init typescript-app` template, with the package installed from its tarball and only cdk8s and constructs beside it', () => {
  let project: ConsumerProject;

  beforeAll(() => {
    project = createConsumerProject(workDir, 'cdk8s-app', 'cdk8s-typescript-app.json', packed);
    for (const peer of ['constructs', 'cdk8s', '@types/node']) {
      project.link(peer);
    }
    for (const fixture of ['cdk8s-app/main.ts', 'cdk8s-app/mirror-ca.pem', 'cdk8s-app/invalid.js']) {
      project.copy(fixture);
    }
  });

  test('WHEN the tarball was installed with npm THEN npm ran no script of ours and asked to approve none', () => {
    expectNoScriptOfOurs(project.install, packed.manifest.name);
    const installed = JSON.parse(fs.readFileSync(project.file('node_modules/cdk-openshift-images/package.json'), 'utf8'));
    expect(installed.scripts).toBeUndefined();
  });

  test('WHEN the README chart and registry app is compiled with the stock tsconfig and run THEN dist/ holds the image configuration and the registry objects', () => {
    expectCompiles(project);
    expectRuns(node(['main.js'], project.dir));
    const objects = readYamlObjects(project.file('dist/cluster-images.k8s.yaml'));
    const image = find(objects, 'Image', 'cluster');
    expect(image.spec.registrySources.allowedRegistries).toEqual(['quay.io', 'registry.redhat.io', 'image-registry.openshift-image-registry.svc:5000', 'mirror.corp.example.com:8443']);
    expect(image.spec.registrySources.containerRuntimeSearchRegistries).toEqual(['mirror.corp.example.com:8443']);
    const trustedCA = find(objects, 'ConfigMap', image.spec.additionalTrustedCA.name);
    expect(trustedCA.data['mirror.corp.example.com..8443']).toBe(fs.readFileSync(project.file('mirror-ca.pem'), 'utf8'));
    expect(find(objects, 'ImageDigestMirrorSet', 'release-payload').spec.imageDigestMirrors[0].mirrorSourcePolicy).toBe('NeverContactSource');
    const registry = find(objects, 'Config', 'cluster');
    expect(registry.spec.tolerations).toEqual([{ key: 'node-role.kubernetes.io/infra', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(registry.spec.nodeSelector).toEqual({ 'node-role.kubernetes.io/infra': '' });
    expect(registry.spec.storage.s3.bucket).toMatch(/^classic-7xk2p-/);
    expect(find(objects, 'ImagePruner', 'cluster').spec.keepYoungerThanDuration).toBe('24h');
    expect(find(objects, 'ExternalSecret').apiVersion).toBe('external-secrets.io/v1');
  });

  test('WHEN the aws entry is required without cdktf THEN the error names both missing peers with the ranges to install, as MODULE_NOT_FOUND', () => {
    const result = node(['-e', "require('cdk-openshift-images/aws')"], project.dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(missingPeersMessage('cdk-openshift-images/aws', ['cdktf', '@cdktf/provider-aws']));
    expect(result.stderr).not.toContain("Cannot find module 'cdktf'");
    const code = node(['-e', "try { require('cdk-openshift-images/aws') } catch (error) { console.log(error.code) }"], project.dir);
    expect(code.stdout.trim()).toBe('MODULE_NOT_FOUND');
  });

  test('WHEN a ValidationError is thrown and not caught (with --enable-source-maps) THEN stderr lists each problem once, with no stack frame and no path outside the package', () => {
    const caught = node(['invalid.js', 'caught'], project.dir);
    const { name, messages } = JSON.parse(caught.stdout) as { name: string; messages: string[] };
    expect(name).toBe('ValidationError');
    expect(messages.length).toBeGreaterThanOrEqual(2);

    const uncaught = node(['--enable-source-maps', 'invalid.js'], project.dir);
    expect(uncaught.status).toBe(1);
    const stderr = uncaught.stderr;
    expect(stderr).toContain(`ValidationError: Invalid OpenShift image configuration (${messages.length} problems):`);
    for (const message of messages) {
      expect(stderr.split(message).length - 1).toBe(1);
    }
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stderr).not.toContain('findings');
    expect(stderr).not.toMatch(/\.ts\b/);
    // Node names the line that threw: a file the package ships.
    const mentioned = [...stderr.matchAll(/(\/[^\s:()]+):\d+/g)].map((match) => match[1]);
    for (const file of mentioned) {
      expect(fs.existsSync(file) && file.startsWith(fs.realpathSync(project.file('node_modules/cdk-openshift-images')))).toBe(true);
    }
  });

  test('WHEN cdktf and the AWS provider are installed too THEN a program using both entries compiles with the stock tsconfig, and the chart points at the bucket of the stack', () => {
    for (const peer of ['cdktf', '@cdktf/provider-aws']) {
      project.link(peer);
    }
    expectBothEntriesAgree(project);
  });
});

describe('GIVEN a project made from the stock `cdktf init --template typescript` template, with the package installed from its tarball and only cdktf, the AWS provider and constructs beside it', () => {
  let project: ConsumerProject;

  beforeAll(() => {
    project = createConsumerProject(workDir, 'cdktf-app', 'cdktf-typescript.json', packed);
    for (const peer of ['constructs', 'cdktf', '@cdktf/provider-aws', '@types/node']) {
      project.link(peer);
    }
    project.copy('cdktf-app/main.ts');
    project.copy('cdktf-app/images.yaml');
  });

  test('WHEN the tarball was installed with npm THEN npm ran no script of ours and asked to approve none', () => {
    expectNoScriptOfOurs(project.install, packed.manifest.name);
  });

  test('WHEN the README stacks are compiled with the stock tsconfig and run THEN cdktf.out holds both stacks, without cdk8s installed', () => {
    expect(fs.existsSync(project.file('node_modules/cdk8s'))).toBe(false);
    expectCompiles(project);
    expectRuns(node(['main.js'], project.dir));
    const classic = JSON.parse(fs.readFileSync(project.file('cdktf.out/stacks/registry-classic/cdk.tf.json'), 'utf8'));
    const sts = JSON.parse(fs.readFileSync(project.file('cdktf.out/stacks/registry-sts/cdk.tf.json'), 'utf8'));
    expect(onlyResource(classic, 'aws_s3_bucket').bucket).toMatch(/^classic-7xk2p-/);
    expect(onlyResource(classic, 'aws_secretsmanager_secret').name).toBe('openshift/classic-7xk2p/image-registry-s3');
    expect(classic.resource.aws_iam_user).toBeDefined();
    expect(classic.resource.aws_iam_role).toBeUndefined();
    const role = onlyResource(sts, 'aws_iam_role');
    expect(role.assume_role_policy).toContain('oidc.op1.openshiftapps.com/2f4ab1c9d7e0example');
    expect(onlyResource(sts, 'aws_kms_key')).toBeDefined();
  });

  test('WHEN the main entry is required without cdk8s THEN the error names cdk8s with the range to install', () => {
    const result = node(['-e', "require('cdk-openshift-images')"], project.dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(missingPeersMessage('cdk-openshift-images', ['cdk8s']));
    expect(result.stderr).not.toContain("Cannot find module 'cdk8s'");
  });

  test('WHEN the installed ocp-images bin validates YAML THEN it works without cdk8s', () => {
    const bin = project.file('node_modules/.bin/ocp-images');
    const result = run(bin, ['validate', '-f', 'images.yaml', '--format', 'json'], project.dir);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).errors).toEqual([]);
  });

  test('WHEN cdk8s is installed too THEN a program using both entries compiles with the stock tsconfig, and the chart points at the bucket of the stack', () => {
    project.link('cdk8s');
    expectBothEntriesAgree(project);
  });

  test.each([
    ['node16', 'node16'],
    ['bundler', 'preserve'],
  ])('WHEN the same program is compiled with moduleResolution %s (which reads the exports map) THEN both entries resolve', (moduleResolution, module) => {
    // Runs after the test above, which installed every peer and copied both.ts.
    const result = node([require.resolve('typescript/bin/tsc'), '-p', project.dir, '--noEmit', '--incremental', 'false', '--module', module, '--moduleResolution', moduleResolution], project.dir);
    expect({ status: result.status, output: `${result.stdout}${result.stderr}` }).toEqual({ status: 0, output: '' });
  });
});
