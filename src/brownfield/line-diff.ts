/**
 * A line diff for short texts (a registries.conf, a policy.json): the longest common subsequence of lines, printed
 * with `-` for lines only in the first text, `+` for lines only in the second and two spaces for common lines.
 */

/** The diff of `before` and `after`, line by line; common lines are kept only within `context` lines of a change. */
export function lineDiff(before: string, after: string, context = 2): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  // lengths[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lengths: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i][j] = a[i] === b[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }
  const lines: { readonly mark: ' ' | '-' | '+'; readonly text: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      lines.push({ mark: ' ', text: a[i] });
      i++;
      j++;
    } else if (i < a.length && (j === b.length || lengths[i + 1][j] >= lengths[i][j + 1])) {
      lines.push({ mark: '-', text: a[i] });
      i++;
    } else {
      lines.push({ mark: '+', text: b[j] });
      j++;
    }
  }
  const changed = lines.map((line, index) => (line.mark !== ' ' ? index : -1)).filter((index) => index >= 0);
  const shown = lines.filter((_line, index) => changed.some((at) => Math.abs(at - index) <= context));
  return shown.map((line) => `${line.mark} ${line.text}`.trimEnd());
}
