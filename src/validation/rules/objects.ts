/**
 * Rules about objects as such, whatever their kind: what makes a document a Kubernetes object, names, namespaces,
 * the apiVersion a kind is served under, and the same object defined twice in one configuration.
 */
import { IMAGE_API_VERSION, IMAGE_KIND } from '../../model/api/image';
import { IMAGE_PRUNER_KIND, IMAGE_REGISTRY_API_VERSION, IMAGE_REGISTRY_CONFIG_KIND } from '../../model/api/image-registry';
import { MACHINE_CONFIGURATION_API_VERSION, MACHINE_CONFIGURATION_KIND } from '../../model/api/machine-configuration';
import { ICSP_API_VERSION, ICSP_KIND, IDMS_KIND, ITMS_KIND, MIRROR_SET_API_VERSION } from '../../model/api/mirror-sets';
import { quote } from '../finding';
import { defineRule } from '../rule';
import { CheckedObject, CrossObjectCheck, RuleModule } from '../rule-module';

export const ObjectRules = {
  notAnObject: defineRule({
    code: 'object-malformed', severity: 'error', source: 'api-server', kinds: ['*'], schemaLevel: true,
    summary: 'A document is not a Kubernetes object: not a mapping, or without `apiVersion`, `kind` or `metadata.name` (or, for a kind that is not a cluster singleton, without `spec`).',
    fix: 'Give every document `apiVersion`, `kind` and `metadata.name`.',
  }),
  nameInvalid: defineRule({
    code: 'metadata-name-invalid', severity: 'error', source: 'api-server', kinds: ['*'], schemaLevel: true,
    summary: '`metadata.name` is not a lower-case DNS-1123 subdomain (letters, digits, `-`, `.`; at most 253 characters), so the API server refuses the object.',
    fix: 'Rename the object: lower-case letters, digits, `-` and `.`, starting and ending with a letter or digit.',
  }),
  singletonName: defineRule({
    code: 'singleton-name', severity: 'error', source: 'cluster', kinds: [IMAGE_KIND, IMAGE_REGISTRY_CONFIG_KIND, IMAGE_PRUNER_KIND, MACHINE_CONFIGURATION_KIND],
    summary: 'A cluster singleton (`Image`, registry `Config`, `ImagePruner`, `MachineConfiguration`) has a name other than `cluster`; the API server accepts it but nothing reads it.',
    fix: 'Name the object `cluster`.',
  }),
  clusterScopedNamespace: defineRule({
    code: 'cluster-scoped-namespace', severity: 'warning', source: 'api-server', kinds: ['*'],
    summary: 'A cluster-scoped object carries `metadata.namespace`, which means nothing for it and makes diffs noisy.',
    fix: 'Remove `metadata.namespace`.',
  }),
  apiVersionUnknown: defineRule({
    code: 'api-version-unknown', severity: 'error', source: 'api-server', kinds: ['*'],
    summary: 'A kind this library checks is given under an API group or version the cluster does not serve for it (e.g. `ImagePruner` under `imagepruner.operator.openshift.io/v1`, `ImageDigestMirrorSet` under `config.openshift.io/v1alpha1`); applying it fails with "no matches for kind".',
    fix: 'Use the apiVersion the cluster serves for the kind.',
  }),
  duplicate: defineRule({
    code: 'object-duplicate', severity: 'error', source: 'cluster', kinds: ['*'],
    summary: 'The same object (API group, kind, namespace and name) is defined more than once in one cluster\'s configuration; the cluster holds one, so whichever is applied last silently wins.',
    fix: 'Keep one definition and merge the other into it, or give the objects different names where the kind allows it.',
  }),
};

/**
 * The apiVersion each kind is served under. `Image` and `Config` are common kind names in other groups too
 * (`image.openshift.io/v1` `Image`, a kubeconfig's `v1` `Config`), so for them only another version of the same group
 * is taken as a mistake; the other kinds are this library's wherever they appear.
 */
const SERVED_VERSIONS: readonly { readonly kind: string; readonly apiVersion: string; readonly sameGroupOnly: boolean }[] = [
  { kind: IMAGE_KIND, apiVersion: IMAGE_API_VERSION, sameGroupOnly: true },
  { kind: IDMS_KIND, apiVersion: MIRROR_SET_API_VERSION, sameGroupOnly: false },
  { kind: ITMS_KIND, apiVersion: MIRROR_SET_API_VERSION, sameGroupOnly: false },
  { kind: ICSP_KIND, apiVersion: ICSP_API_VERSION, sameGroupOnly: false },
  { kind: IMAGE_REGISTRY_CONFIG_KIND, apiVersion: IMAGE_REGISTRY_API_VERSION, sameGroupOnly: true },
  { kind: IMAGE_PRUNER_KIND, apiVersion: IMAGE_REGISTRY_API_VERSION, sameGroupOnly: false },
  { kind: MACHINE_CONFIGURATION_KIND, apiVersion: MACHINE_CONFIGURATION_API_VERSION, sameGroupOnly: false },
];

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

const wrongApiVersion: CrossObjectCheck = (objects, ctx) => {
  for (const subject of objects) {
    if (subject.known) {
      continue;
    }
    const served = SERVED_VERSIONS.find((candidate) => candidate.kind === subject.kind);
    if (!served || subject.apiVersion === served.apiVersion) {
      continue;
    }
    if (served.sameGroupOnly && groupOf(subject.apiVersion) !== groupOf(served.apiVersion)) {
      continue;
    }
    ctx.report(subject, ObjectRules.apiVersionUnknown, 'apiVersion',
      `${subject.kind} is given as \`apiVersion: ${subject.apiVersion}\`, which the cluster does not serve for it (it serves \`${served.apiVersion}\`); applying it fails with "no matches for kind", and nothing else in this file is checked for it.`,
      `Set \`apiVersion: ${served.apiVersion}\`.`);
  }
};

/** Group, kind, namespace (for namespaced kinds only) and name: what makes an object the same object. */
function identity(subject: CheckedObject, clusterScoped: boolean): string {
  const namespace = clusterScoped ? '' : String(subject.object.metadata?.namespace ?? '');
  return [groupOf(subject.apiVersion), subject.kind, namespace, subject.name].join('\u0000');
}

const duplicates: CrossObjectCheck = (objects, ctx) => {
  const groups = new Map<string, CheckedObject[]>();
  for (const subject of objects) {
    // The kinds this library checks, and the ConfigMaps and Secrets that go with them (trusted CAs, registry
    // credentials, release signatures); other kinds are passed over, and kustomize overlays of them are common.
    const companion = subject.apiVersion === 'v1' && (subject.kind === 'ConfigMap' || subject.kind === 'Secret');
    if ((!subject.known && !companion) || subject.name === '') {
      continue;
    }
    const key = identity(subject, subject.known);
    const group = groups.get(key);
    if (group) {
      group.push(subject);
    } else {
      groups.set(key, [subject]);
    }
  }
  for (const group of groups.values()) {
    if (group.length < 2) {
      continue;
    }
    // Every definition gets the finding, so each one's location is shown.
    group.forEach((subject, position) => {
      ctx.report(subject, ObjectRules.duplicate, 'metadata.name',
        `${subject.ref} is defined ${group.length} times in this configuration (this is definition ${position + 1}); the cluster holds one ${subject.kind} named ${quote(subject.name)}, so one definition silently replaces the other.`,
        `Merge the ${group.length} definitions of ${subject.ref} into one.`);
    });
  }
};

/** The rule module for objects as such. The engine itself reports the per-object rules while it reads each object. */
export const objectRulesModule: RuleModule = {
  name: 'objects',
  description: 'What makes a document a Kubernetes object this library checks: kind and apiVersion, name, namespace, uniqueness.',
  rules: Object.values(ObjectRules),
  crossObjectChecks: [wrongApiVersion, duplicates],
};
