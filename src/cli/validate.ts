import { Command } from 'commander';

/** Placeholder until the validate command lands. */
export function registerValidateCommand(program: Command): void {
  program.command('validate').description('Validate OpenShift image configuration YAML (not implemented yet)');
}
