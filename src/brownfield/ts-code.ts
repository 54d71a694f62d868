/**
 * A small printer of TypeScript expressions for generated code: plain values, references to named members
 * (`MirrorSourcePolicy.NEVER_CONTACT_SOURCE`), calls (`RegistryStorage.s3({...})`) and raw snippets, laid out the way
 * a formatter would (an object or array on one line when it fits the width, else one entry per line with a trailing
 * comma; single quotes; keys quoted only when they must be). No dependency: the CLI stays fast to load.
 */

/** An expression to print. */
export type Code =
  | { readonly type: 'value'; readonly value: string | number | boolean | null }
  | { readonly type: 'ref'; readonly text: string }
  | { readonly type: 'object'; readonly entries: readonly ObjectEntry[] }
  | { readonly type: 'array'; readonly items: readonly Code[] }
  | { readonly type: 'call'; readonly callee: string; readonly args: readonly Code[] };

/** One property of an object literal, with an optional comment line above it. */
export interface ObjectEntry {
  readonly key: string;
  readonly value: Code;
  readonly comment?: string;
}

export const value = (literal: string | number | boolean | null): Code => ({ type: 'value', value: literal });
export const ref = (text: string): Code => ({ type: 'ref', text });
export const object = (entries: readonly ObjectEntry[]): Code => ({ type: 'object', entries });
export const array = (items: readonly Code[]): Code => ({ type: 'array', items });
export const call = (callee: string, args: readonly Code[]): Code => ({ type: 'call', callee, args });

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A string literal: single quotes, or a template literal for text of several lines (a PEM certificate). */
export function stringLiteral(text: string): string {
  // eslint-disable-next-line no-control-regex
  const otherControl = /[\u0000-\u0009\u000b-\u001f\u2028\u2029]/;
  if (text.includes('\n') && !otherControl.test(text)) {
    return `\`${text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${')}\``;
  }
  const escaped = JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${escaped}'`;
}

/** A property key: bare when it is an identifier, quoted otherwise. */
export function propertyKey(key: string): string {
  return IDENTIFIER.test(key) ? key : stringLiteral(key);
}

function printValue(literal: string | number | boolean | null): string {
  if (typeof literal === 'string') {
    return stringLiteral(literal);
  }
  if (typeof literal === 'number') {
    return Object.is(literal, -0) ? '-0' : String(literal);
  }
  return String(literal);
}

/** The expression on one line, or undefined when it cannot be on one (a comment, a line break in a string). */
function flat(code: Code): string | undefined {
  switch (code.type) {
    case 'value': {
      const text = printValue(code.value);
      return text.includes('\n') ? undefined : text;
    }
    case 'ref':
      return code.text;
    case 'object': {
      if (code.entries.length === 0) {
        return '{}';
      }
      const parts: string[] = [];
      for (const entry of code.entries) {
        const printed = entry.comment === undefined ? flat(entry.value) : undefined;
        if (printed === undefined) {
          return undefined;
        }
        parts.push(`${propertyKey(entry.key)}: ${printed}`);
      }
      return `{ ${parts.join(', ')} }`;
    }
    case 'array': {
      const parts = code.items.map(flat);
      return parts.some((part) => part === undefined) ? undefined : `[${parts.join(', ')}]`;
    }
    case 'call': {
      const parts = code.args.map(flat);
      return parts.some((part) => part === undefined) ? undefined : `${code.callee}(${parts.join(', ')})`;
    }
  }
}

/**
 * Prints `code` as it appears after `prefix` on a line indented by `indent` (spaces), in at most `width` columns
 * where possible. Returns the text without the prefix; continuation lines carry their own indentation.
 */
export function print(code: Code, indent: number, prefixLength: number, width: number): string {
  const oneLine = flat(code);
  if (oneLine !== undefined && indent + prefixLength + oneLine.length <= width) {
    return oneLine;
  }
  const pad = ' '.repeat(indent + 2);
  const close = ' '.repeat(indent);
  switch (code.type) {
    case 'value':
      return printValue(code.value);
    case 'ref':
      return code.text;
    case 'object': {
      const lines = code.entries.flatMap((entry) => {
        const key = `${propertyKey(entry.key)}: `;
        const comment = entry.comment === undefined ? [] : entry.comment.split('\n').map((line) => `${pad}// ${line}`.trimEnd());
        return [...comment, `${pad}${key}${print(entry.value, indent + 2, key.length, width)},`];
      });
      return `{\n${lines.join('\n')}\n${close}}`;
    }
    case 'array': {
      const lines = code.items.map((item) => `${pad}${print(item, indent + 2, 0, width)},`);
      return `[\n${lines.join('\n')}\n${close}]`;
    }
    case 'call': {
      // One argument that is an object or array hugs the parentheses: `RegistryStorage.s3({` ... `})`.
      if (code.args.length === 1 && (code.args[0].type === 'object' || code.args[0].type === 'array')) {
        return `${code.callee}(${print(code.args[0], indent, prefixLength + code.callee.length + 1, width)})`;
      }
      const lines = code.args.map((arg) => `${pad}${print(arg, indent + 2, 0, width)},`);
      return `${code.callee}(\n${lines.join('\n')}\n${close})`;
    }
  }
}
