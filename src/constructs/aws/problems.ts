import { Annotations } from 'cdktf';
import { IConstruct } from 'constructs';
import { RegistryStorageProblem } from '../../model/registry-storage';

/**
 * Reports input problems the cdktf way: errors as node validations, so synthesis (`app.synth()`, `cdktf synth`,
 * `Testing.synth(stack, true)`) fails once with every problem of every construct listed; warnings as annotations,
 * which the cdktf CLI prints and which land in the manifest.
 */
export function reportProblems(scope: IConstruct, problems: readonly RegistryStorageProblem[]): void {
  const errors = problems.filter((p) => p.severity === 'error');
  for (const warning of problems.filter((p) => p.severity === 'warning')) {
    Annotations.of(scope).addWarning(`${warning.field}: ${warning.message} (${warning.code}). Fix: ${warning.hint}`);
  }
  if (errors.length > 0) {
    scope.node.addValidation({
      validate: () => errors.map((p) => `${p.field}: ${p.message} (${p.code}). Fix: ${p.hint}`),
    });
  }
}
