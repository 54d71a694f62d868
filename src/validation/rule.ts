import { Finding, RuleSource, Severity } from './finding';

/** Everything the catalog says about a rule, for messages, the CLI and the generated rule documentation. */
export interface RuleDefinition {
  /** Stable code, kebab-case, unique across the library. */
  readonly code: string;
  /** `error` or `warning`. */
  readonly severity: Severity;
  /** Who enforces it. */
  readonly source: RuleSource;
  /** The kinds it applies to (`Image`, `ImageDigestMirrorSet`, ...), or `*`. */
  readonly kinds: readonly string[];
  /** One sentence: what the rule catches. */
  readonly summary: string;
  /** One sentence: how to fix a finding, used when a report gives no more specific hint. */
  readonly fix: string;
  /**
   * Whether the rule restates an upstream CRD schema constraint or CEL rule (the conformance test compares these
   * with the CRDs themselves).
   * @default false
   */
  readonly schemaLevel?: boolean;
}

/** A rule: its definition plus a way to report a finding against it. */
export class Rule {
  constructor(public readonly definition: RuleDefinition) {}

  public get code(): string {
    return this.definition.code;
  }

  /** Builds a finding of this rule. */
  public finding(object: string, path: string, message: string, hint?: string): Finding {
    return {
      code: this.definition.code,
      severity: this.definition.severity,
      object,
      path,
      message,
      hint: hint ?? this.definition.fix,
      source: this.definition.source,
    };
  }
}

const catalog = new Map<string, Rule>();

/** Declares a rule in the catalog. Codes are unique: declaring one twice is a programming error. */
export function defineRule(definition: RuleDefinition): Rule {
  if (catalog.has(definition.code)) {
    throw new Error(`rule code ${definition.code} is defined twice`);
  }
  const rule = new Rule(definition);
  catalog.set(definition.code, rule);
  return rule;
}

/** Every rule this library knows, sorted by code. Loads every rule module first. */
export function ruleCatalog(): RuleDefinition[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./rules');
  return [...catalog.values()].map((rule) => rule.definition).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** The definition of one rule code, if it exists. */
export function findRule(code: string): RuleDefinition | undefined {
  require('./rules');
  return catalog.get(code)?.definition;
}
