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

/**
 * Declares a rule. Declaring has no side effect: a rule reaches the engine, the catalog and docs/rules.md only by
 * being listed in a rule module of the engine's explicit module list (`rules/index.ts`).
 */
export function defineRule(definition: RuleDefinition): Rule {
  return new Rule(definition);
}
