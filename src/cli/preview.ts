import { Command } from 'commander';

/** Placeholder until the preview command lands. */
export function registerPreviewCommand(program: Command): void {
  program.command('preview').description('Preview the node files the Machine Config Operator would write (not implemented yet)');
}
