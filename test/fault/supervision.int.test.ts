// The native stack supervises its socket replicas as compose's restart policy does: one that
// crashes (here a kill -9 from outside the stack) is started again on its port, while one the stack
// was asked to stop stays stopped.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Stack, startStack } from '../../scripts/stack/index';
import { httpOk } from '../../scripts/stack/wait';

let stack: Stack;
const messages: string[] = [];

beforeAll(async () => {
  stack = await startStack({ name: 'supervision', replicas: 2, web: false, log: (m) => messages.push(m) });
});

afterAll(async () => {
  await stack?.stop();
});

const host = () => new URL(stack.publicOrigins.split(',')[0] ?? '').host;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readyWithin(url: string, ms: number): Promise<number> {
  const started = Date.now();
  while (!(await httpOk(`${url}/readyz`, host()))) {
    if (Date.now() - started > ms) throw new Error(`${url} not ready within ${ms} ms`);
    await sleep(100);
  }
  return Date.now() - started;
}

it('restarts a replica that crashed, on its port, and not one it was asked to stop', async () => {
  const [crashing, stopped] = stack.replicas;
  if (!crashing || !stopped) throw new Error('two replicas expected');

  // A crash: the process dies without the stack asking.
  process.kill(crashing.pid, 'SIGKILL');
  await sleep(200);
  expect(await httpOk(`${crashing.url}/readyz`, host())).toBe(false);
  const backAfterMs = await readyWithin(crashing.url, 15_000);
  const restarted = stack.replicas.find((replica) => replica.id === crashing.id);
  expect(restarted?.pid).not.toBe(crashing.pid);
  expect(restarted?.pid).toBeGreaterThan(0);
  expect(messages.some((m) => m.includes(`${crashing.id} crashed; restarting`))).toBe(true);
  console.log(JSON.stringify({ crashedReplicaReadyAgainMs: backAfterMs }));

  // Stopped on purpose (what the fault suite's "kill -9 of a replica" does): it stays down.
  await stack.killReplica(stopped.id, 'SIGKILL');
  await sleep(3_000);
  expect(await httpOk(`${stopped.url}/readyz`, host())).toBe(false);
  expect(stack.replicas.find((replica) => replica.id === stopped.id)?.pid).toBe(0);
  expect(messages.some((m) => m.includes(`${stopped.id} crashed`))).toBe(false);
  // And comes back when asked.
  await stack.restartReplica(stopped.id);
  expect(await httpOk(`${stopped.url}/readyz`, host())).toBe(true);
});
