/** Reading a Prometheus text exposition in tests: a series' declared type and its sample lines. */

/** The `# TYPE` of `name`, or undefined when the exposition does not declare it. */
export function declaredType(text: string, name: string): string | undefined {
  return new RegExp(`^# TYPE ${name} (\\w+)$`, 'm').exec(text)?.[1];
}

/** Sample lines of `name` (for a histogram, pass `<name>_count`): their labels and values. */
export function samples(text: string, name: string): { labels: Record<string, string>; value: number }[] {
  const out: { labels: Record<string, string>; value: number }[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const labels: Record<string, string> = {};
    for (const pair of (match[3] ?? '').matchAll(/(\w+)="([^"]*)"/g))
      labels[pair[1] as string] = pair[2] as string;
    out.push({ labels, value: Number(match[4]) });
  }
  return out;
}

/** `name`'s samples, `_count` ones for a histogram. */
export function seriesOf(text: string, name: string): { labels: Record<string, string>; value: number }[] {
  return samples(text, declaredType(text, name) === 'histogram' ? `${name}_count` : name);
}
