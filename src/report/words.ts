/** "1 statement", "3 statements": counts in the words of the reports and the command line. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
