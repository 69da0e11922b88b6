/** The bare-engine baseline (issue 13): a trivial workflow that takes one update and returns. No activities. */
import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

export const bump = defineUpdate<number, [number]>('bump');

export async function bare(): Promise<number> {
  let total = 0;
  let taken = false;
  setHandler(bump, (n) => {
    total += n;
    taken = true;
    return total;
  });
  await condition(() => taken);
  return total;
}
