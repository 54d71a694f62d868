import { IConstruct } from 'constructs';
import { acknowledgeOn } from './acknowledgements';
import { checkApp, ConstructWarning } from './base';

/**
 * The warning channel cdk8s lacks. Warnings of the rule engine are printed once at synth with their code and
 * construct path; tests and tools read them here, and a user acknowledges the ones they accept, by code, on any scope
 * (an app, a chart or one construct).
 *
 * @example
 * Warnings.acknowledge(chart, 'insecure-registry', 'lab registry without TLS, tracked in OPS-123');
 * expect(Warnings.of(chart)).toEqual([]);
 */
export class Warnings {
  /**
   * Accepts warnings of `code` on `scope` and every construct below it: they are no longer printed nor listed.
   * @param reason why the warning is accepted, for the next reader
   */
  public static acknowledge(scope: IConstruct, code: string, reason: string = ''): void {
    acknowledgeOn(scope, code, reason);
  }

  /** The unacknowledged warnings of the constructs at or below `scope`, including rules across constructs. */
  public static of(scope: IConstruct): ConstructWarning[] {
    const prefix = scope.node.path;
    return checkApp(scope).warnings.filter((warning) =>
      prefix === '' || warning.constructPath === prefix || warning.constructPath.startsWith(`${prefix}/`));
  }

  private constructor() {}
}
