// Reads the Prometheus metrics of a stack's processes (`stack.replicas[i].metricsUrl`,
// `stack.webMetricsUrl`) for tests and benchmarks: the text exposition format as prom-client writes
// it, one sample per line, `# HELP` / `# TYPE` lines skipped.

/** One sample: `name{label="value",...} value`. */
export interface MetricSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export function parseMetrics(text: string): MetricSample[] {
  const samples: MetricSample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not a Prometheus exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
      labels[key as string] = (value as string).replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    samples.push({ name: match[1] as string, labels, value: Number(match[3]) });
  }
  return samples;
}

/** GET `url` and parse it; throws on anything but a 200. */
export async function scrapeMetrics(url: string): Promise<MetricSample[]> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status}`);
  return parseMetrics(await response.text());
}

/** The sum of the samples named `name` whose labels include every one of `labels`. */
export function sumOf(samples: MetricSample[], name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const sample of samples)
    if (sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
      sum += sample.value;
  return sum;
}
